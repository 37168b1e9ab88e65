import { MigrationInterface, QueryRunner } from 'typeorm';

export class HrShifts1764400003000 implements MigrationInterface {
  name = 'HrShifts1764400003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Limits and overtime thresholds per employment type (minutes).
      CREATE TABLE hr_working_time_rules (
        employment_type text PRIMARY KEY CONSTRAINT ck_hr_working_time_rules_employment_type
          CHECK (employment_type IN ('full_time', 'part_time', 'contractor', 'intern')),
        max_weekly_minutes int NOT NULL CONSTRAINT ck_hr_working_time_rules_max_weekly CHECK (max_weekly_minutes BETWEEN 0 AND 10080),
        daily_overtime_after_minutes int NOT NULL CONSTRAINT ck_hr_working_time_rules_daily_ot CHECK (daily_overtime_after_minutes BETWEEN 0 AND 1440),
        weekly_overtime_after_minutes int NOT NULL CONSTRAINT ck_hr_working_time_rules_weekly_ot CHECK (weekly_overtime_after_minutes BETWEEN 0 AND 10080),
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      INSERT INTO hr_working_time_rules (employment_type, max_weekly_minutes, daily_overtime_after_minutes, weekly_overtime_after_minutes) VALUES
        ('full_time', 2880, 480, 2400),
        ('part_time', 1800, 480, 1200),
        ('contractor', 2880, 480, 2400),
        ('intern', 2400, 480, 2400);

      -- A location is a work calendar with a location name: it gives shifts their time zone and holidays.
      CREATE TABLE hr_shift_templates (
        id uuid PRIMARY KEY,
        name varchar(100) NOT NULL,
        start_time time(0) NOT NULL,
        end_time time(0) NOT NULL,
        unpaid_break_minutes int NOT NULL CONSTRAINT ck_hr_shift_templates_break CHECK (unpaid_break_minutes BETWEEN 0 AND 240),
        position_id uuid CONSTRAINT fk_hr_shift_templates_position REFERENCES hr_positions (id),
        location varchar(200) NOT NULL CONSTRAINT fk_hr_shift_templates_location REFERENCES hr_work_calendars (location) ON UPDATE CASCADE,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_shift_templates_times CHECK (start_time <> end_time)
      );
      CREATE INDEX ix_hr_shift_templates_name ON hr_shift_templates (name, id);
      CREATE INDEX ix_hr_shift_templates_created_at ON hr_shift_templates (created_at, id);

      CREATE TABLE hr_shifts (
        id uuid PRIMARY KEY,
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3) NOT NULL,
        break_minutes int NOT NULL CONSTRAINT ck_hr_shifts_break CHECK (break_minutes >= 0),
        location varchar(200) NOT NULL CONSTRAINT fk_hr_shifts_location REFERENCES hr_work_calendars (location) ON UPDATE CASCADE,
        position_id uuid CONSTRAINT fk_hr_shifts_position REFERENCES hr_positions (id),
        employee_id uuid CONSTRAINT fk_hr_shifts_employee REFERENCES hr_employees (id),
        template_id uuid CONSTRAINT fk_hr_shifts_template REFERENCES hr_shift_templates (id) ON DELETE SET NULL,
        published_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_shifts_times CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours'),
        CONSTRAINT ck_hr_shifts_break_within CHECK (break_minutes * interval '1 minute' < ends_at - starts_at)
      );
      CREATE INDEX ix_hr_shifts_starts_at ON hr_shifts (starts_at, id);
      CREATE INDEX ix_hr_shifts_location ON hr_shifts (location, starts_at, id);
      CREATE INDEX ix_hr_shifts_employee ON hr_shifts (employee_id, starts_at, id) WHERE employee_id IS NOT NULL;
      CREATE INDEX ix_hr_shifts_open ON hr_shifts (starts_at, id) WHERE employee_id IS NULL;
      CREATE INDEX ix_hr_shifts_position ON hr_shifts (position_id) WHERE position_id IS NOT NULL;
      CREATE INDEX ix_hr_shifts_template ON hr_shifts (template_id) WHERE template_id IS NOT NULL;

      CREATE TABLE hr_schedule_publications (
        id uuid PRIMARY KEY,
        location varchar(200) NOT NULL CONSTRAINT fk_hr_schedule_publications_location REFERENCES hr_work_calendars (location) ON UPDATE CASCADE,
        start_date date NOT NULL,
        end_date date NOT NULL,
        shift_count int NOT NULL,
        employee_ids uuid[] NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_schedule_publications_dates CHECK (end_date >= start_date AND end_date - start_date <= 62)
      );
      CREATE INDEX ix_hr_schedule_publications_location ON hr_schedule_publications (location, start_date, end_date);
      CREATE INDEX ix_hr_schedule_publications_created_at ON hr_schedule_publications (created_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE hr_schedule_publications;
      DROP TABLE hr_shifts;
      DROP TABLE hr_shift_templates;
      DROP TABLE hr_working_time_rules;
    `);
  }
}
