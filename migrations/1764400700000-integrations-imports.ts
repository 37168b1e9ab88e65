import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrationsImports1764400700000 implements MigrationInterface {
  name = 'IntegrationsImports1764400700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- One CSV import: created and committed before the first row is read, its progress updated
      -- from a separate connection while the rows are written in the business transaction.
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        kind text NOT NULL CONSTRAINT ck_imports_kind CHECK (kind IN ('employees', 'departments', 'customers', 'items', 'suppliers', 'opening-stock')),
        mode text NOT NULL CONSTRAINT ck_imports_mode CHECK (mode IN ('commit', 'validate')),
        status text NOT NULL CONSTRAINT ck_imports_status CHECK (status IN ('running', 'validated', 'committed', 'failed')),
        processed_rows int NOT NULL DEFAULT 0 CONSTRAINT ck_imports_processed_rows CHECK (processed_rows >= 0),
        imported_rows int NOT NULL DEFAULT 0 CONSTRAINT ck_imports_imported_rows CHECK (imported_rows >= 0),
        error_count int NOT NULL DEFAULT 0 CONSTRAINT ck_imports_error_count CHECK (error_count >= 0),
        bytes_read bigint NOT NULL DEFAULT 0 CONSTRAINT ck_imports_bytes_read CHECK (bytes_read >= 0),
        total_bytes bigint CONSTRAINT ck_imports_total_bytes CHECK (total_bytes >= 0),
        failure_reason varchar(500),
        api_key_id uuid CONSTRAINT fk_imports_api_key REFERENCES api_keys (id),
        request_id varchar(128),
        version int NOT NULL DEFAULT 1,
        started_at timestamptz(3) NOT NULL,
        finished_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL
      );
      CREATE INDEX ix_imports_started_at ON imports (started_at, id);
      CREATE INDEX ix_imports_status_started_at ON imports (status, started_at, id);
      CREATE INDEX ix_imports_kind_started_at ON imports (kind, started_at, id);

      -- Bad rows of an import, written outside the business transaction so they survive its rollback.
      CREATE TABLE imports_errors (
        id uuid PRIMARY KEY,
        import_id uuid NOT NULL CONSTRAINT fk_imports_errors_import REFERENCES imports (id) ON DELETE CASCADE,
        row_number int NOT NULL CONSTRAINT ck_imports_errors_row_number CHECK (row_number >= 0),
        field varchar(200) NOT NULL,
        message varchar(1000) NOT NULL
      );
      CREATE INDEX ix_imports_errors_import_row ON imports_errors (import_id, row_number, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE imports_errors; DROP TABLE imports;`);
  }
}
