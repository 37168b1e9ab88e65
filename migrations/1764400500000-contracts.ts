import { MigrationInterface, QueryRunner } from 'typeorm';

export class Contracts1764400500000 implements MigrationInterface {
  name = 'Contracts1764400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Gapless contract numbers: one counter row per year, taken with an upsert in the creating
      -- transaction, so a rollback gives the number back.
      CREATE TABLE ctr_number_counters (
        year int PRIMARY KEY,
        next_value bigint NOT NULL CONSTRAINT ck_ctr_number_counters_next CHECK (next_value > 0)
      );

      CREATE TABLE ctr_contracts (
        id uuid PRIMARY KEY,
        number text NOT NULL CONSTRAINT ck_ctr_contracts_number CHECK (number ~ '^CTR-[0-9]{4}-[0-9]{4,}$'),
        title varchar(200) NOT NULL,
        type text NOT NULL CONSTRAINT ck_ctr_contracts_type CHECK (type IN ('customer', 'supplier', 'employment', 'nda', 'lease', 'service', 'other')),
        status text NOT NULL CONSTRAINT ck_ctr_contracts_status CHECK (status IN ('draft', 'in_review', 'approved', 'active', 'expiring', 'expired', 'terminated')),
        counterparty_kind text NOT NULL CONSTRAINT ck_ctr_contracts_counterparty_kind CHECK (counterparty_kind IN ('employee', 'customer', 'party')),
        counterparty_employee_id uuid,
        counterparty_customer_id uuid,
        counterparty_name varchar(200) NOT NULL,
        counterparty_company_id varchar(50),
        counterparty_address jsonb,
        owner_employee_id uuid,
        value numeric(18, 2) CONSTRAINT ck_ctr_contracts_value CHECK (value >= 0),
        currency char(3) CONSTRAINT ck_ctr_contracts_currency CHECK (currency ~ '^[A-Z]{3}$'),
        payment_terms varchar(200),
        start_date date NOT NULL,
        end_date date,
        term_months int CONSTRAINT ck_ctr_contracts_term_months CHECK (term_months BETWEEN 1 AND 1200),
        governing_law varchar(100),
        tags text[] NOT NULL DEFAULT '{}',
        renewal_type text NOT NULL CONSTRAINT ck_ctr_contracts_renewal_type CHECK (renewal_type IN ('none', 'automatic', 'manual')),
        renewal_term_months int CONSTRAINT ck_ctr_contracts_renewal_term CHECK (renewal_term_months BETWEEN 1 AND 120),
        notice_period_value int CONSTRAINT ck_ctr_contracts_notice_value CHECK (notice_period_value BETWEEN 1 AND 3650),
        notice_period_unit text CONSTRAINT ck_ctr_contracts_notice_unit CHECK (notice_period_unit IN ('days', 'months')),
        notice_deadline date,
        next_renewal_date date,
        notice_alert_days int NOT NULL DEFAULT 30 CONSTRAINT ck_ctr_contracts_notice_alert_days CHECK (notice_alert_days BETWEEN 0 AND 365),
        current_version_no int NOT NULL DEFAULT 1,
        renewal_count int NOT NULL DEFAULT 0,
        fully_signed_at timestamptz(3),
        activated_at timestamptz(3),
        terminated_at timestamptz(3),
        termination_date date,
        termination_reason varchar(1000),
        origin_hire_key text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_ctr_contracts_counterparty CHECK (
          (counterparty_kind = 'employee') = (counterparty_employee_id IS NOT NULL)
          AND (counterparty_kind = 'customer') = (counterparty_customer_id IS NOT NULL)),
        CONSTRAINT ck_ctr_contracts_value_currency CHECK ((value IS NULL) = (currency IS NULL)),
        CONSTRAINT ck_ctr_contracts_end_date CHECK (end_date >= start_date),
        CONSTRAINT ck_ctr_contracts_renewal CHECK (renewal_type = 'none' OR (renewal_term_months IS NOT NULL AND end_date IS NOT NULL)),
        CONSTRAINT ck_ctr_contracts_notice CHECK ((notice_period_value IS NULL) = (notice_period_unit IS NULL)),
        CONSTRAINT ck_ctr_contracts_terminated CHECK ((status = 'terminated') = (terminated_at IS NOT NULL))
      );
      CREATE UNIQUE INDEX uq_ctr_contracts_number ON ctr_contracts (number);
      -- One draft employment contract per hire (hr.employee.hired), whatever the deliveries.
      CREATE UNIQUE INDEX uq_ctr_contracts_origin_hire ON ctr_contracts (origin_hire_key) WHERE origin_hire_key IS NOT NULL;
      CREATE INDEX ix_ctr_contracts_created_at ON ctr_contracts (created_at, id);
      CREATE INDEX ix_ctr_contracts_start_date ON ctr_contracts (start_date, id);
      CREATE INDEX ix_ctr_contracts_status ON ctr_contracts (status, created_at, id);
      CREATE INDEX ix_ctr_contracts_type ON ctr_contracts (type, created_at, id);
      CREATE INDEX ix_ctr_contracts_employee ON ctr_contracts (counterparty_employee_id) WHERE counterparty_employee_id IS NOT NULL;
      CREATE INDEX ix_ctr_contracts_customer ON ctr_contracts (counterparty_customer_id) WHERE counterparty_customer_id IS NOT NULL;
      CREATE INDEX ix_ctr_contracts_owner ON ctr_contracts (owner_employee_id) WHERE owner_employee_id IS NOT NULL;
      CREATE INDEX ix_ctr_contracts_end_date ON ctr_contracts (end_date) WHERE end_date IS NOT NULL;
      CREATE INDEX ix_ctr_contracts_notice_deadline ON ctr_contracts (notice_deadline) WHERE notice_deadline IS NOT NULL;
      CREATE INDEX ix_ctr_contracts_next_renewal ON ctr_contracts (next_renewal_date) WHERE next_renewal_date IS NOT NULL;
      CREATE INDEX ix_ctr_contracts_tags ON ctr_contracts USING gin (tags);
      -- The daily job's candidates: running contracts and approved ones waiting for their start.
      CREATE INDEX ix_ctr_contracts_running ON ctr_contracts (end_date, start_date) WHERE status IN ('approved', 'active', 'expiring');

      CREATE TABLE ctr_documents (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_documents_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        version_no int NOT NULL,
        file_name varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CONSTRAINT ck_ctr_documents_size CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL CONSTRAINT ck_ctr_documents_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_ctr_documents_contract ON ctr_documents (contract_id, version_no);

      -- Version 1 holds the original terms; every change after approval adds an amendment.
      -- A version is locked once signed or superseded: the trigger refuses any change then.
      CREATE TABLE ctr_contract_versions (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_contract_versions_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        version_no int NOT NULL CONSTRAINT ck_ctr_contract_versions_no CHECK (version_no > 0),
        kind text NOT NULL CONSTRAINT ck_ctr_contract_versions_kind CHECK (kind IN ('original', 'amendment')),
        terms jsonb NOT NULL,
        effective_date date NOT NULL,
        summary varchar(1000),
        document_id uuid,
        document_sha256 char(64),
        locked_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_ctr_contract_versions_no UNIQUE (contract_id, version_no),
        CONSTRAINT ck_ctr_contract_versions_document CHECK ((document_id IS NULL) = (document_sha256 IS NULL))
      );
      CREATE INDEX ix_ctr_contract_versions_document ON ctr_contract_versions (document_id) WHERE document_id IS NOT NULL;

      CREATE FUNCTION ctr_contract_versions_locked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.locked_at IS NOT NULL THEN
          RAISE EXCEPTION 'contract version % of contract % is locked (signed or superseded)', OLD.version_no, OLD.contract_id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER tr_ctr_contract_versions_locked BEFORE UPDATE OR DELETE ON ctr_contract_versions
        FOR EACH ROW EXECUTE FUNCTION ctr_contract_versions_locked();

      CREATE FUNCTION ctr_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows cannot be changed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER tr_ctr_documents_immutable BEFORE UPDATE ON ctr_documents
        FOR EACH ROW EXECUTE FUNCTION ctr_immutable();

      CREATE TABLE ctr_signers (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_signers_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        email varchar(254) NOT NULL,
        role varchar(100) NOT NULL,
        party text NOT NULL CONSTRAINT ck_ctr_signers_party CHECK (party IN ('internal', 'counterparty')),
        required boolean NOT NULL,
        CONSTRAINT uq_ctr_signers_email UNIQUE (contract_id, email)
      );

      CREATE TABLE ctr_signatures (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_signatures_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        version_no int NOT NULL,
        signer_id uuid NOT NULL CONSTRAINT fk_ctr_signatures_signer REFERENCES ctr_signers (id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        email varchar(254) NOT NULL,
        role varchar(100) NOT NULL,
        party text NOT NULL,
        signed_at timestamptz(3) NOT NULL,
        version_sha256 char(64) NOT NULL,
        CONSTRAINT uq_ctr_signatures_signer UNIQUE (contract_id, version_no, signer_id),
        CONSTRAINT fk_ctr_signatures_version FOREIGN KEY (contract_id, version_no) REFERENCES ctr_contract_versions (contract_id, version_no)
      );
      CREATE INDEX ix_ctr_signatures_signer ON ctr_signatures (signer_id);
      CREATE TRIGGER tr_ctr_signatures_immutable BEFORE UPDATE ON ctr_signatures
        FOR EACH ROW EXECUTE FUNCTION ctr_immutable();

      -- One row per renewal term (automatic by the daily job, manual by the renew action).
      CREATE TABLE ctr_renewals (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_renewals_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        term_no int NOT NULL CONSTRAINT ck_ctr_renewals_term_no CHECK (term_no > 1),
        kind text NOT NULL CONSTRAINT ck_ctr_renewals_kind CHECK (kind IN ('automatic', 'manual')),
        start_date date NOT NULL,
        end_date date NOT NULL,
        renewed_at timestamptz(3) NOT NULL,
        CONSTRAINT uq_ctr_renewals_term UNIQUE (contract_id, term_no),
        CONSTRAINT ck_ctr_renewals_dates CHECK (end_date >= start_date)
      );

      CREATE TABLE ctr_obligations (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_obligations_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT ck_ctr_obligations_kind CHECK (kind IN ('obligation', 'milestone')),
        description varchar(1000) NOT NULL,
        responsible_party text NOT NULL CONSTRAINT ck_ctr_obligations_party CHECK (responsible_party IN ('internal', 'counterparty')),
        due_date date NOT NULL,
        recurrence text NOT NULL CONSTRAINT ck_ctr_obligations_recurrence CHECK (recurrence IN ('none', 'monthly', 'quarterly', 'yearly')),
        status text NOT NULL CONSTRAINT ck_ctr_obligations_status CHECK (status IN ('open', 'done', 'missed')),
        amount numeric(18, 2) CONSTRAINT ck_ctr_obligations_amount CHECK (amount >= 0),
        currency char(3) CONSTRAINT ck_ctr_obligations_currency CHECK (currency ~ '^[A-Z]{3}$'),
        completed_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_ctr_obligations_amount_currency CHECK ((amount IS NULL) = (currency IS NULL))
      );
      CREATE INDEX ix_ctr_obligations_contract ON ctr_obligations (contract_id, due_date, id);
      CREATE INDEX ix_ctr_obligations_due ON ctr_obligations (due_date, id);
      CREATE INDEX ix_ctr_obligations_status ON ctr_obligations (status, due_date, id);

      CREATE TABLE ctr_billing_schedules (
        id uuid PRIMARY KEY,
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_billing_schedules_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        amount numeric(18, 2) NOT NULL CONSTRAINT ck_ctr_billing_schedules_amount CHECK (amount > 0),
        currency char(3) NOT NULL CONSTRAINT ck_ctr_billing_schedules_currency CHECK (currency ~ '^[A-Z]{3}$'),
        period text NOT NULL CONSTRAINT ck_ctr_billing_schedules_period CHECK (period IN ('monthly', 'quarterly', 'yearly')),
        series_id uuid NOT NULL,
        tax_category_id uuid NOT NULL,
        description varchar(300) NOT NULL,
        start_date date NOT NULL,
        end_date date,
        next_period_start date NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_ctr_billing_schedules_dates CHECK (end_date >= start_date AND next_period_start >= start_date)
      );
      CREATE INDEX ix_ctr_billing_schedules_contract ON ctr_billing_schedules (contract_id, created_at, id);
      CREATE INDEX ix_ctr_billing_schedules_due ON ctr_billing_schedules (next_period_start) WHERE active;

      -- Each period is invoiced once: the key is taken in the transaction that creates the invoice.
      CREATE TABLE ctr_billing_periods (
        id uuid NOT NULL CONSTRAINT uq_ctr_billing_periods_id UNIQUE,
        schedule_id uuid NOT NULL CONSTRAINT fk_ctr_billing_periods_schedule REFERENCES ctr_billing_schedules (id) ON DELETE CASCADE,
        period_start date NOT NULL,
        period_end date NOT NULL,
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_billing_periods_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        invoice_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (schedule_id, period_start),
        CONSTRAINT uq_ctr_billing_periods_invoice UNIQUE (invoice_id),
        CONSTRAINT ck_ctr_billing_periods_dates CHECK (period_end >= period_start)
      );
      CREATE INDEX ix_ctr_billing_periods_contract ON ctr_billing_periods (contract_id);
      CREATE INDEX ix_ctr_billing_periods_list ON ctr_billing_periods (schedule_id, period_start, id);

      -- Alerts sent, one per contract, kind and date: the row is inserted in the transaction that
      -- writes the outbox event, so a re-run or a second instance emits nothing twice.
      CREATE TABLE ctr_alerts (
        contract_id uuid NOT NULL CONSTRAINT fk_ctr_alerts_contract REFERENCES ctr_contracts (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT ck_ctr_alerts_kind CHECK (kind IN ('notice_due', 'expiring')),
        for_date date NOT NULL,
        emitted_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (contract_id, kind, for_date)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE ctr_alerts;
      DROP TABLE ctr_billing_periods;
      DROP TABLE ctr_billing_schedules;
      DROP TABLE ctr_obligations;
      DROP TABLE ctr_renewals;
      DROP TABLE ctr_signatures;
      DROP TABLE ctr_signers;
      DROP TABLE ctr_contract_versions;
      DROP TABLE ctr_documents;
      DROP FUNCTION ctr_immutable();
      DROP FUNCTION ctr_contract_versions_locked();
      DROP TABLE ctr_contracts;
      DROP TABLE ctr_number_counters;
    `);
  }
}
