import { MigrationInterface, QueryRunner } from 'typeorm';

export class HrTimeOff1764400002000 implements MigrationInterface {
  name = 'HrTimeOff1764400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hr_work_calendars (
        id uuid PRIMARY KEY,
        name varchar(100) NOT NULL CONSTRAINT uq_hr_work_calendars_name UNIQUE,
        time_zone varchar(64) NOT NULL,
        country char(2) CONSTRAINT ck_hr_work_calendars_country CHECK (country ~ '^[A-Z]{2}$'),
        region varchar(10) CONSTRAINT ck_hr_work_calendars_region CHECK (region ~ '^[A-Z0-9]{1,10}$'),
        working_weekdays smallint[] NOT NULL CONSTRAINT ck_hr_work_calendars_weekdays
          CHECK (cardinality(working_weekdays) BETWEEN 1 AND 7 AND working_weekdays <@ ARRAY[1,2,3,4,5,6,7]::smallint[]),
        daily_hours numeric(4, 2) NOT NULL CONSTRAINT ck_hr_work_calendars_daily_hours CHECK (daily_hours > 0 AND daily_hours <= 24),
        location varchar(200) CONSTRAINT uq_hr_work_calendars_location UNIQUE,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_work_calendars_region_needs_country CHECK (region IS NULL OR country IS NOT NULL)
      );
      CREATE INDEX ix_hr_work_calendars_name ON hr_work_calendars (name, id);
      CREATE INDEX ix_hr_work_calendars_created_at ON hr_work_calendars (created_at, id);

      CREATE TABLE hr_calendar_closures (
        calendar_id uuid NOT NULL CONSTRAINT fk_hr_calendar_closures_calendar REFERENCES hr_work_calendars (id) ON DELETE CASCADE,
        date date NOT NULL,
        name varchar(200) NOT NULL,
        CONSTRAINT pk_hr_calendar_closures PRIMARY KEY (calendar_id, date)
      );

      ALTER TABLE hr_employees ADD COLUMN work_calendar_id uuid
        CONSTRAINT fk_hr_employees_work_calendar REFERENCES hr_work_calendars (id);
      CREATE INDEX ix_hr_employees_work_calendar ON hr_employees (work_calendar_id) WHERE work_calendar_id IS NOT NULL;

      CREATE TABLE hr_leave_types (
        id uuid PRIMARY KEY,
        code varchar(20) NOT NULL CONSTRAINT uq_hr_leave_types_code UNIQUE CONSTRAINT ck_hr_leave_types_code CHECK (code ~ '^[A-Z0-9_]{1,20}$'),
        name varchar(100) NOT NULL,
        paid boolean NOT NULL,
        unit text NOT NULL CONSTRAINT ck_hr_leave_types_unit CHECK (unit IN ('days', 'hours')),
        half_days_allowed boolean NOT NULL,
        accrual_policy text NOT NULL CONSTRAINT ck_hr_leave_types_accrual_policy CHECK (accrual_policy IN ('none', 'yearly_grant', 'monthly_accrual')),
        accrual_amount numeric(8, 2) CONSTRAINT ck_hr_leave_types_accrual_amount CHECK (accrual_amount > 0),
        carry_over_cap numeric(8, 2) CONSTRAINT ck_hr_leave_types_carry_over_cap CHECK (carry_over_cap >= 0),
        carry_over_expiry_months int CONSTRAINT ck_hr_leave_types_carry_over_expiry CHECK (carry_over_expiry_months BETWEEN 1 AND 12),
        allow_negative boolean NOT NULL,
        approver text NOT NULL CONSTRAINT ck_hr_leave_types_approver CHECK (approver IN ('manager', 'named')),
        approver_employee_id uuid CONSTRAINT fk_hr_leave_types_approver_employee REFERENCES hr_employees (id),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_leave_types_accrual_pair CHECK ((accrual_policy = 'none') = (accrual_amount IS NULL)),
        CONSTRAINT ck_hr_leave_types_named_approver CHECK ((approver = 'named') = (approver_employee_id IS NOT NULL))
      );
      CREATE INDEX ix_hr_leave_types_code ON hr_leave_types (code, id);
      CREATE INDEX ix_hr_leave_types_created_at ON hr_leave_types (created_at, id);

      CREATE TABLE hr_leave_requests (
        id uuid PRIMARY KEY,
        employee_id uuid NOT NULL CONSTRAINT fk_hr_leave_requests_employee REFERENCES hr_employees (id),
        leave_type_id uuid NOT NULL CONSTRAINT fk_hr_leave_requests_leave_type REFERENCES hr_leave_types (id),
        start_date date NOT NULL,
        end_date date NOT NULL,
        half_day_start boolean NOT NULL DEFAULT false,
        half_day_end boolean NOT NULL DEFAULT false,
        amount numeric(8, 2) NOT NULL CONSTRAINT ck_hr_leave_requests_amount CHECK (amount >= 0),
        unit text NOT NULL CONSTRAINT ck_hr_leave_requests_unit CHECK (unit IN ('days', 'hours')),
        status text NOT NULL CONSTRAINT ck_hr_leave_requests_status CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'cancelled')),
        reason varchar(500),
        decided_by_employee_id uuid CONSTRAINT fk_hr_leave_requests_decided_by REFERENCES hr_employees (id),
        decided_at timestamptz(3),
        decision_note varchar(500),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_leave_requests_dates CHECK (end_date >= start_date),
        CONSTRAINT ck_hr_leave_requests_one_day_halves CHECK (start_date <> end_date OR NOT (half_day_start AND half_day_end))
      );
      CREATE INDEX ix_hr_leave_requests_employee ON hr_leave_requests (employee_id, start_date, id);
      CREATE INDEX ix_hr_leave_requests_status ON hr_leave_requests (status, start_date, id);
      CREATE INDEX ix_hr_leave_requests_start ON hr_leave_requests (start_date, id);
      CREATE INDEX ix_hr_leave_requests_created_at ON hr_leave_requests (created_at, id);
      CREATE INDEX ix_hr_leave_requests_leave_type ON hr_leave_requests (leave_type_id);

      -- Append-only: corrections are reversing entries, never updates.
      CREATE TABLE hr_leave_ledger_entries (
        id uuid PRIMARY KEY,
        employee_id uuid NOT NULL CONSTRAINT fk_hr_leave_ledger_employee REFERENCES hr_employees (id),
        leave_type_id uuid NOT NULL CONSTRAINT fk_hr_leave_ledger_leave_type REFERENCES hr_leave_types (id),
        kind text NOT NULL CONSTRAINT ck_hr_leave_ledger_kind CHECK (kind IN ('grant', 'accrual', 'usage', 'adjustment', 'carry_over', 'expiry')),
        amount numeric(8, 2) NOT NULL,
        effective_date date NOT NULL,
        period varchar(32),
        reason varchar(500),
        leave_request_id uuid CONSTRAINT fk_hr_leave_ledger_leave_request REFERENCES hr_leave_requests (id),
        reverses_entry_id uuid CONSTRAINT fk_hr_leave_ledger_reverses REFERENCES hr_leave_ledger_entries (id)
          CONSTRAINT uq_hr_leave_ledger_reversal UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_leave_ledger_adjustment_reason CHECK (kind <> 'adjustment' OR reason IS NOT NULL),
        CONSTRAINT ck_hr_leave_ledger_reversal_reason CHECK (reverses_entry_id IS NULL OR reason IS NOT NULL)
      );
      -- Scheduled entries (grant, accrual, carry-over, expiry) are written once per period.
      CREATE UNIQUE INDEX uq_hr_leave_ledger_period ON hr_leave_ledger_entries (employee_id, leave_type_id, kind, period)
        WHERE period IS NOT NULL AND reverses_entry_id IS NULL;
      -- An approval writes one usage entry per request.
      CREATE UNIQUE INDEX uq_hr_leave_ledger_request_usage ON hr_leave_ledger_entries (leave_request_id)
        WHERE kind = 'usage' AND reverses_entry_id IS NULL;
      CREATE INDEX ix_hr_leave_ledger_balance ON hr_leave_ledger_entries (employee_id, leave_type_id, effective_date);
      CREATE INDEX ix_hr_leave_ledger_employee ON hr_leave_ledger_entries (employee_id, effective_date, id);
      CREATE FUNCTION hr_leave_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'hr_leave_ledger_entries is append-only' USING ERRCODE = 'restrict_violation'; END $$;
      CREATE TRIGGER tr_hr_leave_ledger_append_only BEFORE UPDATE OR DELETE ON hr_leave_ledger_entries
        FOR EACH ROW EXECUTE FUNCTION hr_leave_ledger_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE hr_leave_ledger_entries;
      DROP FUNCTION hr_leave_ledger_append_only();
      DROP TABLE hr_leave_requests;
      DROP TABLE hr_leave_types;
      ALTER TABLE hr_employees DROP COLUMN work_calendar_id;
      DROP TABLE hr_calendar_closures;
      DROP TABLE hr_work_calendars;
    `);
  }
}
