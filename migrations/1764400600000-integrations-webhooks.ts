import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrationsWebhooks1764400600000 implements MigrationInterface {
  name = 'IntegrationsWebhooks1764400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        url varchar(2000) NOT NULL,
        event_types text[] NOT NULL CONSTRAINT ck_webhook_subscriptions_event_types CHECK (cardinality(event_types) BETWEEN 1 AND 100),
        description varchar(500),
        active boolean NOT NULL,
        -- HMAC keys must be readable to sign; they never leave the API after the create/rotate response.
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz(3),
        failing_since timestamptz(3),
        disabled_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_webhook_subscriptions_previous_secret CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
      );
      CREATE INDEX ix_webhook_subscriptions_event_types ON webhook_subscriptions USING gin (event_types) WHERE active;
      CREATE INDEX ix_webhook_subscriptions_created_at ON webhook_subscriptions (created_at, id);

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL CONSTRAINT fk_webhook_deliveries_subscription REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz(3) NOT NULL,
        origin text NOT NULL CONSTRAINT ck_webhook_deliveries_origin CHECK (origin IN ('event', 'redelivery', 'replay')),
        status text NOT NULL CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts int NOT NULL DEFAULT 0 CONSTRAINT ck_webhook_deliveries_attempts CHECK (attempts >= 0),
        next_attempt_at timestamptz(3) NOT NULL,
        claim_token uuid,
        last_status_code int,
        last_error text,
        completed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      -- Fan-out is idempotent: one delivery per subscription and event (redeliveries and replays are extra rows).
      CREATE UNIQUE INDEX uq_webhook_deliveries_event ON webhook_deliveries (subscription_id, event_id) WHERE origin = 'event';
      CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
      -- Per-resource ordering: is an earlier delivery for the same subscription and aggregate still pending?
      CREATE INDEX ix_webhook_deliveries_pending_aggregate ON webhook_deliveries (subscription_id, aggregate_type, aggregate_id, occurred_at, event_id) WHERE status = 'pending';
      CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at, id);
      CREATE INDEX ix_webhook_deliveries_subscription_status ON webhook_deliveries (subscription_id, status, created_at, id);
      CREATE INDEX ix_webhook_deliveries_completed_at ON webhook_deliveries (completed_at) WHERE status <> 'pending';

      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY,
        delivery_id uuid NOT NULL CONSTRAINT fk_webhook_delivery_attempts_delivery REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt int NOT NULL CONSTRAINT ck_webhook_delivery_attempts_attempt CHECK (attempt >= 1),
        started_at timestamptz(3) NOT NULL,
        duration_ms int NOT NULL CONSTRAINT ck_webhook_delivery_attempts_duration CHECK (duration_ms >= 0),
        status_code int,
        outcome text NOT NULL CONSTRAINT ck_webhook_delivery_attempts_outcome CHECK (outcome IN ('succeeded', 'retry', 'failed')),
        error varchar(500),
        response_excerpt varchar(2048),
        CONSTRAINT uq_webhook_delivery_attempts_attempt UNIQUE (delivery_id, attempt)
      );

      -- Replays read the outbox by time range.
      CREATE INDEX ix_outbox_events_occurred_at ON outbox_events (occurred_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_outbox_events_occurred_at;
      DROP TABLE webhook_delivery_attempts;
      DROP TABLE webhook_deliveries;
      DROP TABLE webhook_subscriptions;
    `);
  }
}
