import { MigrationInterface, QueryRunner } from 'typeorm';

export class ItTickets1764400400000 implements MigrationInterface {
  name = 'ItTickets1764400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- One row of desk-wide settings (reopen window, attachment limit).
      CREATE TABLE it_settings (
        id smallint PRIMARY KEY CONSTRAINT ck_it_settings_single CHECK (id = 1),
        reopen_window_hours int NOT NULL CONSTRAINT ck_it_settings_reopen CHECK (reopen_window_hours BETWEEN 0 AND 8760),
        attachment_max_bytes int NOT NULL CONSTRAINT ck_it_settings_attachment CHECK (attachment_max_bytes BETWEEN 1 AND 104857600),
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      INSERT INTO it_settings (id, reopen_window_hours, attachment_max_bytes) VALUES (1, 168, 5242880);

      -- Gapless ticket numbers: the counter row is taken FOR UPDATE in the creating transaction.
      CREATE TABLE it_counters (
        name text PRIMARY KEY,
        next_value bigint NOT NULL CONSTRAINT ck_it_counters_next CHECK (next_value > 0)
      );
      INSERT INTO it_counters (name, next_value) VALUES ('ticket', 1001);

      CREATE TABLE it_priority_matrix (
        impact smallint NOT NULL CONSTRAINT ck_it_priority_matrix_impact CHECK (impact BETWEEN 1 AND 3),
        urgency smallint NOT NULL CONSTRAINT ck_it_priority_matrix_urgency CHECK (urgency BETWEEN 1 AND 3),
        priority text NOT NULL CONSTRAINT ck_it_priority_matrix_priority CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        PRIMARY KEY (impact, urgency)
      );
      -- 1 = high. ITIL-style default.
      INSERT INTO it_priority_matrix (impact, urgency, priority) VALUES
        (1, 1, 'P1'), (1, 2, 'P2'), (1, 3, 'P3'),
        (2, 1, 'P2'), (2, 2, 'P3'), (2, 3, 'P4'),
        (3, 1, 'P3'), (3, 2, 'P4'), (3, 3, 'P4');

      CREATE TABLE it_groups (
        id uuid PRIMARY KEY,
        code varchar(40) NOT NULL CONSTRAINT ck_it_groups_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]*$'),
        name varchar(100) NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_it_groups_code ON it_groups (code);
      CREATE INDEX ix_it_groups_created_at ON it_groups (created_at, id);
      INSERT INTO it_groups (id, code, name) VALUES
        ('0193c000-0000-7000-8000-000000000001', 'SERVICE_DESK', 'Service desk'),
        ('0193c000-0000-7000-8000-000000000002', 'ONBOARDING', 'Joiners and leavers');

      -- Agents are employees (HR) with the agent role here.
      CREATE TABLE it_agents (
        employee_id uuid PRIMARY KEY,
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_it_agents_created_at ON it_agents (created_at, employee_id);
      CREATE TABLE it_agent_groups (
        employee_id uuid NOT NULL CONSTRAINT fk_it_agent_groups_agent REFERENCES it_agents (employee_id) ON DELETE CASCADE,
        group_id uuid NOT NULL CONSTRAINT fk_it_agent_groups_group REFERENCES it_groups (id),
        PRIMARY KEY (employee_id, group_id)
      );
      CREATE INDEX ix_it_agent_groups_group ON it_agent_groups (group_id);

      CREATE TABLE it_business_calendars (
        id uuid PRIMARY KEY,
        name varchar(100) NOT NULL,
        time_zone varchar(64) NOT NULL,
        working_days smallint[] NOT NULL CONSTRAINT ck_it_business_calendars_days CHECK (working_days <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        start_time char(5) NOT NULL CONSTRAINT ck_it_business_calendars_start CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        end_time char(5) NOT NULL CONSTRAINT ck_it_business_calendars_end CHECK (end_time ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'),
        holiday_country varchar(2),
        holiday_region varchar(10),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_it_business_calendars_window CHECK (end_time > start_time),
        CONSTRAINT ck_it_business_calendars_region CHECK (holiday_region IS NULL OR holiday_country IS NOT NULL)
      );
      CREATE INDEX ix_it_business_calendars_created_at ON it_business_calendars (created_at, id);

      CREATE TABLE it_sla_policies (
        id uuid PRIMARY KEY,
        name varchar(100) NOT NULL,
        ticket_type text CONSTRAINT ck_it_sla_policies_type CHECK (ticket_type IN ('incident', 'service_request', 'access', 'onboarding', 'offboarding')),
        priority text CONSTRAINT ck_it_sla_policies_priority CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        category varchar(50),
        first_response_minutes int NOT NULL CONSTRAINT ck_it_sla_policies_first_response CHECK (first_response_minutes BETWEEN 1 AND 525600),
        resolution_minutes int NOT NULL CONSTRAINT ck_it_sla_policies_resolution CHECK (resolution_minutes BETWEEN 1 AND 525600),
        calendar_id uuid NOT NULL CONSTRAINT fk_it_sla_policies_calendar REFERENCES it_business_calendars (id),
        pausing_states text[] NOT NULL CONSTRAINT ck_it_sla_policies_pausing CHECK (pausing_states <@ ARRAY['waiting_on_requester', 'waiting_on_third_party']::text[]),
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_it_sla_policies_match ON it_sla_policies (active, ticket_type, priority, category);
      CREATE INDEX ix_it_sla_policies_created_at ON it_sla_policies (created_at, id);

      CREATE TABLE it_assets (
        id uuid PRIMARY KEY,
        asset_tag varchar(40) NOT NULL CONSTRAINT ck_it_assets_tag CHECK (asset_tag ~ '^[A-Z0-9][A-Z0-9_-]*$'),
        serial_number varchar(100),
        model varchar(100) NOT NULL,
        category text NOT NULL CONSTRAINT ck_it_assets_category CHECK (category IN ('laptop', 'phone', 'monitor', 'license')),
        purchase_date date,
        purchase_cost numeric(14, 2) CONSTRAINT ck_it_assets_cost CHECK (purchase_cost >= 0),
        currency char(3) CONSTRAINT ck_it_assets_currency CHECK (currency ~ '^[A-Z]{3}$'),
        warranty_end date,
        status text NOT NULL CONSTRAINT ck_it_assets_status CHECK (status IN ('in_stock', 'assigned', 'in_repair', 'retired', 'lost')),
        holder_id uuid,
        seats int CONSTRAINT ck_it_assets_seats_range CHECK (seats BETWEEN 1 AND 100000),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_it_assets_seats CHECK ((category = 'license') = (seats IS NOT NULL)),
        CONSTRAINT ck_it_assets_cost_currency CHECK ((purchase_cost IS NULL) = (currency IS NULL)),
        CONSTRAINT ck_it_assets_holder CHECK ((status = 'assigned') = (holder_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX uq_it_assets_tag ON it_assets (asset_tag);
      CREATE INDEX ix_it_assets_created_at ON it_assets (created_at, id);
      CREATE INDEX ix_it_assets_status ON it_assets (status, created_at, id);
      CREATE INDEX ix_it_assets_category ON it_assets (category, created_at, id);
      CREATE INDEX ix_it_assets_holder ON it_assets (holder_id, created_at, id);
      CREATE INDEX ix_it_assets_tag_sort ON it_assets (asset_tag, id);

      -- Check-out/check-in history; for licenses, one open row per occupied seat.
      CREATE TABLE it_asset_assignments (
        id uuid PRIMARY KEY,
        asset_id uuid NOT NULL CONSTRAINT fk_it_asset_assignments_asset REFERENCES it_assets (id),
        employee_id uuid NOT NULL,
        is_license boolean NOT NULL,
        checked_out_at timestamptz(3) NOT NULL,
        checked_in_at timestamptz(3),
        CONSTRAINT ck_it_asset_assignments_period CHECK (checked_in_at IS NULL OR checked_in_at >= checked_out_at)
      );
      CREATE UNIQUE INDEX uq_it_asset_assignments_open_hardware ON it_asset_assignments (asset_id) WHERE checked_in_at IS NULL AND NOT is_license;
      CREATE UNIQUE INDEX uq_it_asset_assignments_open_seat ON it_asset_assignments (asset_id, employee_id) WHERE checked_in_at IS NULL AND is_license;
      CREATE INDEX ix_it_asset_assignments_asset ON it_asset_assignments (asset_id, checked_out_at, id);
      CREATE INDEX ix_it_asset_assignments_open_employee ON it_asset_assignments (employee_id) WHERE checked_in_at IS NULL;

      CREATE TABLE it_tickets (
        id uuid PRIMARY KEY,
        number varchar(20) NOT NULL,
        title varchar(200) NOT NULL,
        description text NOT NULL CONSTRAINT ck_it_tickets_description CHECK (length(description) <= 10000),
        type text NOT NULL CONSTRAINT ck_it_tickets_type CHECK (type IN ('incident', 'service_request', 'access', 'onboarding', 'offboarding')),
        category varchar(50) NOT NULL,
        impact smallint NOT NULL CONSTRAINT ck_it_tickets_impact CHECK (impact BETWEEN 1 AND 3),
        urgency smallint NOT NULL CONSTRAINT ck_it_tickets_urgency CHECK (urgency BETWEEN 1 AND 3),
        priority text NOT NULL CONSTRAINT ck_it_tickets_priority CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        status text NOT NULL CONSTRAINT ck_it_tickets_status CHECK (status IN ('new', 'open', 'in_progress', 'waiting_on_requester', 'waiting_on_third_party', 'resolved', 'closed', 'reopened')),
        requester_id uuid NOT NULL,
        assignee_id uuid CONSTRAINT fk_it_tickets_assignee REFERENCES it_agents (employee_id),
        group_id uuid CONSTRAINT fk_it_tickets_group REFERENCES it_groups (id),
        tags text[] NOT NULL DEFAULT '{}',
        due_date date,
        subject_employee_id uuid,
        sla_policy_id uuid CONSTRAINT fk_it_tickets_sla_policy REFERENCES it_sla_policies (id),
        first_response_at timestamptz(3),
        resolved_at timestamptz(3),
        closed_at timestamptz(3),
        fr_target_minutes int,
        res_target_minutes int,
        fr_due_at timestamptz(3),
        fr_risk_at timestamptz(3),
        fr_elapsed_minutes int,
        fr_stopped boolean NOT NULL DEFAULT false,
        fr_breached boolean NOT NULL DEFAULT false,
        res_due_at timestamptz(3),
        res_risk_at timestamptz(3),
        res_elapsed_minutes int,
        res_paused_minutes int,
        res_stopped boolean NOT NULL DEFAULT false,
        res_breached boolean NOT NULL DEFAULT false,
        -- Earliest due / at-risk instant of a running clock ('9999-12-31' when none): the queue sort.
        sort_due_at timestamptz(3) NOT NULL,
        sort_risk_at timestamptz(3) NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL
      );
      CREATE UNIQUE INDEX uq_it_tickets_number ON it_tickets (number);
      CREATE INDEX ix_it_tickets_created_at ON it_tickets (created_at, id);
      CREATE INDEX ix_it_tickets_due ON it_tickets (sort_due_at, id);
      CREATE INDEX ix_it_tickets_status ON it_tickets (status, sort_due_at, id);
      CREATE INDEX ix_it_tickets_priority ON it_tickets (priority, sort_due_at, id);
      CREATE INDEX ix_it_tickets_type ON it_tickets (type, sort_due_at, id);
      CREATE INDEX ix_it_tickets_assignee ON it_tickets (assignee_id, sort_due_at, id);
      CREATE INDEX ix_it_tickets_group ON it_tickets (group_id, sort_due_at, id);
      CREATE INDEX ix_it_tickets_requester ON it_tickets (requester_id, sort_due_at, id);
      CREATE INDEX ix_it_tickets_breached ON it_tickets (sort_due_at, id) WHERE fr_breached OR res_breached;
      CREATE INDEX ix_it_tickets_risk ON it_tickets (sort_risk_at, id);
      CREATE INDEX ix_it_tickets_queue ON it_tickets (sort_due_at, id) WHERE status NOT IN ('resolved', 'closed');
      CREATE INDEX ix_it_tickets_report ON it_tickets (created_at, priority, group_id);
      CREATE INDEX ix_it_tickets_subject ON it_tickets (subject_employee_id) WHERE subject_employee_id IS NOT NULL;

      CREATE TABLE it_ticket_transitions (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL CONSTRAINT fk_it_ticket_transitions_ticket REFERENCES it_tickets (id),
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        at timestamptz(3) NOT NULL,
        actor varchar(200) NOT NULL
      );
      CREATE INDEX ix_it_ticket_transitions_ticket ON it_ticket_transitions (ticket_id, at, id);

      CREATE TABLE it_ticket_comments (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL CONSTRAINT fk_it_ticket_comments_ticket REFERENCES it_tickets (id),
        author_id uuid NOT NULL,
        by_agent boolean NOT NULL,
        visibility text NOT NULL CONSTRAINT ck_it_ticket_comments_visibility CHECK (visibility IN ('public', 'internal')),
        body text NOT NULL CONSTRAINT ck_it_ticket_comments_body CHECK (length(body) BETWEEN 1 AND 10000),
        created_at timestamptz(3) NOT NULL
      );
      CREATE INDEX ix_it_ticket_comments_ticket ON it_ticket_comments (ticket_id, created_at, id);

      CREATE TABLE it_ticket_attachments (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL CONSTRAINT fk_it_ticket_attachments_ticket REFERENCES it_tickets (id),
        file_name varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CONSTRAINT ck_it_ticket_attachments_size CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz(3) NOT NULL,
        CONSTRAINT ck_it_ticket_attachments_content CHECK (octet_length(content) = size_bytes)
      );
      CREATE INDEX ix_it_ticket_attachments_ticket ON it_ticket_attachments (ticket_id, created_at, id);

      CREATE TABLE it_ticket_assets (
        ticket_id uuid NOT NULL CONSTRAINT fk_it_ticket_assets_ticket REFERENCES it_tickets (id),
        asset_id uuid NOT NULL CONSTRAINT fk_it_ticket_assets_asset REFERENCES it_assets (id),
        PRIMARY KEY (ticket_id, asset_id)
      );
      CREATE INDEX ix_it_ticket_assets_asset ON it_ticket_assets (asset_id);

      -- At most one onboarding and one offboarding ticket per employee, whatever the deliveries.
      CREATE TABLE it_journey_tickets (
        employee_id uuid NOT NULL,
        kind text NOT NULL CONSTRAINT ck_it_journey_tickets_kind CHECK (kind IN ('onboarding', 'offboarding')),
        ticket_id uuid NOT NULL CONSTRAINT fk_it_journey_tickets_ticket REFERENCES it_tickets (id),
        PRIMARY KEY (employee_id, kind)
      );
      CREATE UNIQUE INDEX uq_it_journey_tickets_ticket ON it_journey_tickets (ticket_id);

      -- HR journey tasks of kind it_ticket, completed when the employee's journey ticket resolves.
      CREATE TABLE it_journey_task_links (
        journey_id uuid NOT NULL,
        task_id uuid NOT NULL,
        employee_id uuid NOT NULL,
        kind text NOT NULL CONSTRAINT ck_it_journey_task_links_kind CHECK (kind IN ('onboarding', 'offboarding')),
        completed_at timestamptz(3),
        PRIMARY KEY (journey_id, task_id)
      );
      CREATE INDEX ix_it_journey_task_links_employee ON it_journey_task_links (employee_id, kind) WHERE completed_at IS NULL;

      -- Each SLA event fires once per target and ticket: the row is inserted with the outbox event.
      CREATE TABLE it_sla_notifications (
        ticket_id uuid NOT NULL CONSTRAINT fk_it_sla_notifications_ticket REFERENCES it_tickets (id),
        target text NOT NULL CONSTRAINT ck_it_sla_notifications_target CHECK (target IN ('first_response', 'resolution')),
        kind text NOT NULL CONSTRAINT ck_it_sla_notifications_kind CHECK (kind IN ('at_risk', 'breached')),
        fired_at timestamptz(3) NOT NULL,
        PRIMARY KEY (ticket_id, target, kind)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE it_sla_notifications, it_journey_task_links, it_journey_tickets, it_ticket_assets, it_ticket_attachments,
        it_ticket_comments, it_ticket_transitions, it_tickets, it_asset_assignments, it_assets, it_sla_policies,
        it_business_calendars, it_agent_groups, it_agents, it_groups, it_priority_matrix, it_counters, it_settings;
    `);
  }
}
