import { MigrationInterface, QueryRunner } from 'typeorm';

export class Platform1764400000000 implements MigrationInterface {
  name = 'Platform1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL CONSTRAINT ck_api_keys_name CHECK (length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL,
        key_hash text NOT NULL CONSTRAINT uq_api_keys_key_hash UNIQUE,
        scopes text[] NOT NULL CONSTRAINT ck_api_keys_scopes CHECK (cardinality(scopes) > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        last_used_at timestamptz(3),
        revoked_at timestamptz(3),
        created_by text
      );
      CREATE INDEX ix_api_keys_created_at ON api_keys (created_at, id);
      CREATE INDEX ix_api_keys_name ON api_keys (name, id);

      CREATE TABLE audit_events (
        id uuid PRIMARY KEY,
        occurred_at timestamptz(3) NOT NULL,
        actor_key_id uuid,
        actor_key_name text NOT NULL,
        acting_user text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        changes jsonb NOT NULL,
        sensitive_fields text[] NOT NULL DEFAULT '{}',
        sensitive_scope text,
        request_id text
      );
      CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at, id);
      CREATE INDEX ix_audit_events_entity ON audit_events (entity_type, entity_id, occurred_at, id);
      CREATE INDEX ix_audit_events_entity_type ON audit_events (entity_type, occurred_at, id);
      CREATE INDEX ix_audit_events_actor_key ON audit_events (actor_key_id, occurred_at, id);
      CREATE INDEX ix_audit_events_acting_user ON audit_events (acting_user, occurred_at, id);
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER tr_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER tr_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY,
        topic text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        request_id text,
        occurred_at timestamptz(3) NOT NULL,
        available_at timestamptz(3) NOT NULL,
        attempts int NOT NULL DEFAULT 0 CONSTRAINT ck_outbox_events_attempts CHECK (attempts >= 0),
        last_error text,
        dispatched_at timestamptz(3),
        failed_at timestamptz(3)
      );
      CREATE INDEX ix_outbox_events_pending ON outbox_events (available_at, id) WHERE dispatched_at IS NULL AND failed_at IS NULL;
      CREATE INDEX ix_outbox_events_dispatched_at ON outbox_events (dispatched_at) WHERE dispatched_at IS NOT NULL;
      CREATE INDEX ix_outbox_events_aggregate ON outbox_events (aggregate_type, aggregate_id);

      CREATE TABLE event_consumptions (
        event_id uuid NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
        subscriber text NOT NULL,
        consumed_at timestamptz(3) NOT NULL,
        PRIMARY KEY (event_id, subscriber)
      );

      CREATE TABLE idempotency_records (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code int NOT NULL,
        response_body jsonb,
        created_at timestamptz(3) NOT NULL,
        expires_at timestamptz(3) NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX ix_idempotency_records_expires_at ON idempotency_records (expires_at);

      CREATE TABLE scheduled_jobs (
        name text PRIMARY KEY,
        next_run_at timestamptz(3) NOT NULL,
        last_run_at timestamptz(3)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE scheduled_jobs;
      DROP TABLE idempotency_records;
      DROP TABLE event_consumptions;
      DROP TABLE outbox_events;
      DROP TABLE audit_events;
      DROP FUNCTION audit_events_append_only();
      DROP TABLE api_keys;
    `);
  }
}
