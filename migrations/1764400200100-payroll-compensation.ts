import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayrollCompensation1764400200100 implements MigrationInterface {
  name = 'PayrollCompensation1764400200100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Effective-dated pay per employee: a change is a new row from its date; rows are never edited.
      -- employee_id refers to hr_employees, checked through the HR facade (payroll owns only its own tables).
      CREATE TABLE payroll_compensations (
        id uuid PRIMARY KEY,
        employee_id uuid NOT NULL,
        effective_from date NOT NULL,
        basis text NOT NULL CONSTRAINT ck_payroll_compensations_basis CHECK (basis IN ('annual_salary', 'monthly_salary', 'hourly')),
        amount numeric(17,4) NOT NULL CONSTRAINT ck_payroll_compensations_amount CHECK (amount >= 0),
        currency char(3) NOT NULL CONSTRAINT ck_payroll_compensations_currency CHECK (currency ~ '^[A-Z]{3}$'),
        overtime_multiplier numeric(6,4) NOT NULL CONSTRAINT ck_payroll_compensations_overtime CHECK (overtime_multiplier >= 1),
        night_premium_rate numeric(6,4) NOT NULL CONSTRAINT ck_payroll_compensations_night CHECK (night_premium_rate >= 0),
        holiday_premium_rate numeric(6,4) NOT NULL CONSTRAINT ck_payroll_compensations_holiday CHECK (holiday_premium_rate >= 0),
        standard_hours_per_year numeric(7,2) NOT NULL CONSTRAINT ck_payroll_compensations_hours CHECK (standard_hours_per_year > 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_payroll_compensations_effective UNIQUE (employee_id, effective_from)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payroll_compensations');
  }
}
