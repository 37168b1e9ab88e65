import { MigrationInterface, QueryRunner } from 'typeorm';

export class HrTimesheets1764400004000 implements MigrationInterface {
  name = 'HrTimesheets1764400004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hr_time_entries (
        id uuid PRIMARY KEY,
        employee_id uuid NOT NULL CONSTRAINT fk_hr_time_entries_employee REFERENCES hr_employees (id),
        shift_id uuid CONSTRAINT fk_hr_time_entries_shift REFERENCES hr_shifts (id) ON DELETE SET NULL,
        clock_in_at timestamptz(3) NOT NULL,
        clock_out_at timestamptz(3),
        break_minutes int NOT NULL DEFAULT 0 CONSTRAINT ck_hr_time_entries_break CHECK (break_minutes BETWEEN 0 AND 240),
        source text NOT NULL CONSTRAINT ck_hr_time_entries_source CHECK (source IN ('clock', 'manual')),
        reason varchar(500),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_time_entries_times CHECK (clock_out_at IS NULL OR (clock_out_at > clock_in_at AND clock_out_at - clock_in_at <= interval '24 hours')),
        CONSTRAINT ck_hr_time_entries_manual_reason CHECK (source <> 'manual' OR reason IS NOT NULL)
      );
      -- One open clock-in per employee.
      CREATE UNIQUE INDEX uq_hr_time_entries_open ON hr_time_entries (employee_id) WHERE clock_out_at IS NULL;
      CREATE INDEX ix_hr_time_entries_employee ON hr_time_entries (employee_id, clock_in_at, id);
      CREATE INDEX ix_hr_time_entries_clock_in ON hr_time_entries (clock_in_at, id);
      CREATE INDEX ix_hr_time_entries_shift ON hr_time_entries (shift_id) WHERE shift_id IS NOT NULL;

      CREATE TABLE hr_timesheets (
        id uuid PRIMARY KEY,
        employee_id uuid NOT NULL CONSTRAINT fk_hr_timesheets_employee REFERENCES hr_employees (id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL CONSTRAINT ck_hr_timesheets_status CHECK (status IN ('open', 'submitted', 'approved', 'locked')),
        regular_minutes int,
        overtime_minutes int,
        night_minutes int,
        holiday_minutes int,
        approved_by_employee_id uuid CONSTRAINT fk_hr_timesheets_approved_by REFERENCES hr_employees (id),
        approved_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_hr_timesheets_period UNIQUE (employee_id, period_start),
        CONSTRAINT ck_hr_timesheets_dates CHECK (period_end >= period_start AND period_end - period_start <= 31),
        CONSTRAINT ck_hr_timesheets_totals CHECK (status IN ('open', 'submitted') OR
          (regular_minutes IS NOT NULL AND overtime_minutes IS NOT NULL AND night_minutes IS NOT NULL AND holiday_minutes IS NOT NULL))
      );
      CREATE INDEX ix_hr_timesheets_period ON hr_timesheets (period_start, period_end, id);
      CREATE INDEX ix_hr_timesheets_status ON hr_timesheets (status, period_start, id);
      CREATE INDEX ix_hr_timesheets_employee ON hr_timesheets (employee_id, period_start, period_end);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE hr_timesheets;
      DROP TABLE hr_time_entries;
    `);
  }
}
