import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayrollComponents1764400200400 implements MigrationInterface {
  name = 'PayrollComponents1764400200400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Hires and terminations inside a period are prorated by calendar or working days, per schedule.
      ALTER TABLE payroll_pay_schedules
        ADD COLUMN proration_method text NOT NULL DEFAULT 'calendar_days'
          CONSTRAINT ck_payroll_pay_schedules_proration CHECK (proration_method IN ('calendar_days', 'working_days'));

      -- Earnings and deductions as data: a calculation (fixed, percentage of a base, hours x rate) and a GL account.
      CREATE TABLE payroll_pay_components (
        id uuid PRIMARY KEY,
        code varchar(20) NOT NULL CONSTRAINT uq_payroll_pay_components_code UNIQUE
          CONSTRAINT ck_payroll_pay_components_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
        name varchar(200) NOT NULL,
        kind text NOT NULL CONSTRAINT ck_payroll_pay_components_kind
          CHECK (kind IN ('earning', 'pre_tax_deduction', 'tax', 'post_tax_deduction', 'employer_contribution')),
        taxable boolean NOT NULL,
        calculation_type text NOT NULL CONSTRAINT ck_payroll_pay_components_calculation
          CHECK (calculation_type IN ('fixed', 'percentage', 'hours_times_rate')),
        amount numeric(16,4) CONSTRAINT ck_payroll_pay_components_amount CHECK (amount >= 0),
        rate numeric(16,6) CONSTRAINT ck_payroll_pay_components_rate CHECK (rate >= 0),
        base text CONSTRAINT ck_payroll_pay_components_base CHECK (base IN ('gross', 'taxable_gross', 'component')),
        base_component varchar(20),
        gl_account varchar(20) NOT NULL,
        sequence int NOT NULL DEFAULT 100 CONSTRAINT ck_payroll_pay_components_sequence CHECK (sequence BETWEEN 0 AND 10000),
        active boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_payroll_pay_components_fixed CHECK ((calculation_type = 'fixed') = (amount IS NOT NULL)),
        CONSTRAINT ck_payroll_pay_components_rated CHECK ((calculation_type <> 'fixed') = (rate IS NOT NULL)),
        CONSTRAINT ck_payroll_pay_components_percentage CHECK ((calculation_type = 'percentage') = (base IS NOT NULL)),
        CONSTRAINT ck_payroll_pay_components_base_component CHECK (coalesce(base = 'component', false) = (base_component IS NOT NULL)),
        CONSTRAINT ck_payroll_pay_components_taxable CHECK (kind = 'earning' OR NOT taxable)
      );
      CREATE INDEX ix_payroll_pay_components_code ON payroll_pay_components (code, id);
      CREATE INDEX ix_payroll_pay_components_created_at ON payroll_pay_components (created_at, id);
      CREATE INDEX ix_payroll_pay_components_kind ON payroll_pay_components (kind);

      -- A component paid to one employee, or to everyone on a schedule, for a span of dates; immutable.
      -- employee_id refers to hr_employees, checked through the HR facade.
      CREATE TABLE payroll_component_assignments (
        id uuid PRIMARY KEY,
        pay_component_id uuid NOT NULL CONSTRAINT fk_payroll_component_assignments_component REFERENCES payroll_pay_components (id),
        employee_id uuid,
        pay_schedule_id uuid CONSTRAINT fk_payroll_component_assignments_schedule REFERENCES payroll_pay_schedules (id),
        effective_from date NOT NULL,
        effective_to date,
        amount_override numeric(16,4) CONSTRAINT ck_payroll_component_assignments_amount CHECK (amount_override >= 0),
        rate_override numeric(16,6) CONSTRAINT ck_payroll_component_assignments_rate CHECK (rate_override >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_payroll_component_assignments_target CHECK ((employee_id IS NULL) <> (pay_schedule_id IS NULL)),
        CONSTRAINT ck_payroll_component_assignments_range CHECK (effective_to IS NULL OR effective_to >= effective_from)
      );
      CREATE INDEX ix_payroll_component_assignments_component ON payroll_component_assignments (pay_component_id, created_at, id);
      CREATE INDEX ix_payroll_component_assignments_employee ON payroll_component_assignments (employee_id, effective_from) WHERE employee_id IS NOT NULL;
      CREATE INDEX ix_payroll_component_assignments_schedule ON payroll_component_assignments (pay_schedule_id, effective_from) WHERE pay_schedule_id IS NOT NULL;

      -- Which rule set (by code) applies to an employee from a date; the version is chosen per period.
      CREATE TABLE payroll_rule_set_assignments (
        id uuid PRIMARY KEY,
        employee_id uuid NOT NULL,
        effective_from date NOT NULL,
        rule_set_code varchar(20) NOT NULL CONSTRAINT ck_payroll_rule_set_assignments_code CHECK (rule_set_code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_payroll_rule_set_assignments_effective UNIQUE (employee_id, effective_from)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payroll_rule_set_assignments; DROP TABLE payroll_component_assignments; DROP TABLE payroll_pay_components; ALTER TABLE payroll_pay_schedules DROP COLUMN proration_method');
  }
}
