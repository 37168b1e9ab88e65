import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayrollPaySchedules1764400200000 implements MigrationInterface {
  name = 'PayrollPaySchedules1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- How often people are paid and on which day; the periods themselves are computed, not stored.
      CREATE TABLE payroll_pay_schedules (
        id uuid PRIMARY KEY,
        code varchar(20) NOT NULL CONSTRAINT uq_payroll_pay_schedules_code UNIQUE
          CONSTRAINT ck_payroll_pay_schedules_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
        name varchar(200) NOT NULL,
        frequency text NOT NULL CONSTRAINT ck_payroll_pay_schedules_frequency
          CHECK (frequency IN ('monthly', 'semi_monthly', 'bi_weekly', 'weekly')),
        anchor_date date,
        pay_date_rule text NOT NULL CONSTRAINT ck_payroll_pay_schedules_pay_date_rule
          CHECK (pay_date_rule IN ('last_working_day', 'fixed_day', 'days_after_period_end')),
        pay_day int CONSTRAINT ck_payroll_pay_schedules_pay_day CHECK (pay_day BETWEEN 1 AND 31),
        pay_date_offset_days int CONSTRAINT ck_payroll_pay_schedules_offset CHECK (pay_date_offset_days BETWEEN 0 AND 31),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_payroll_pay_schedules_anchor CHECK ((frequency IN ('weekly', 'bi_weekly')) = (anchor_date IS NOT NULL)),
        CONSTRAINT ck_payroll_pay_schedules_pay_day_pair CHECK ((pay_date_rule = 'fixed_day') = (pay_day IS NOT NULL)),
        CONSTRAINT ck_payroll_pay_schedules_offset_pair CHECK ((pay_date_rule = 'days_after_period_end') = (pay_date_offset_days IS NOT NULL))
      );
      CREATE INDEX ix_payroll_pay_schedules_name ON payroll_pay_schedules (name, id);
      CREATE INDEX ix_payroll_pay_schedules_created_at ON payroll_pay_schedules (created_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payroll_pay_schedules');
  }
}
