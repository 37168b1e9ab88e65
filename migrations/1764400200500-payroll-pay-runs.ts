import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayrollPayRuns1764400200500 implements MigrationInterface {
  name = 'PayrollPayRuns1764400200500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A pay run: one schedule and period (regular) or an off-cycle correction/bonus run.
      CREATE TABLE payroll_pay_runs (
        id uuid PRIMARY KEY,
        pay_schedule_id uuid NOT NULL CONSTRAINT fk_payroll_pay_runs_schedule REFERENCES payroll_pay_schedules (id),
        type text NOT NULL CONSTRAINT ck_payroll_pay_runs_type CHECK (type IN ('regular', 'off_cycle')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        pay_date date NOT NULL,
        status text NOT NULL CONSTRAINT ck_payroll_pay_runs_status CHECK (status IN ('draft', 'calculated', 'approved', 'paid', 'cancelled')),
        rule_set_code varchar(20),
        reason varchar(500),
        employee_count int NOT NULL DEFAULT 0 CONSTRAINT ck_payroll_pay_runs_employee_count CHECK (employee_count >= 0),
        currency char(3),
        gross numeric,
        net numeric,
        employer_contributions numeric,
        calculated_at timestamptz(3),
        calculated_by_key_id uuid,
        calculated_by varchar(200),
        approved_at timestamptz(3),
        approved_by_key_id uuid,
        approved_by varchar(200),
        paid_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_payroll_pay_runs_period CHECK (period_end >= period_start),
        CONSTRAINT ck_payroll_pay_runs_reason CHECK (type = 'regular' OR reason IS NOT NULL),
        CONSTRAINT ck_payroll_pay_runs_calculated CHECK (status IN ('draft', 'cancelled') OR calculated_at IS NOT NULL),
        CONSTRAINT ck_payroll_pay_runs_approved CHECK (status NOT IN ('approved', 'paid') OR approved_at IS NOT NULL)
      );
      -- one live regular run per schedule and period
      CREATE UNIQUE INDEX uq_payroll_pay_runs_regular ON payroll_pay_runs (pay_schedule_id, period_start) WHERE type = 'regular' AND status <> 'cancelled';
      CREATE INDEX ix_payroll_pay_runs_created_at ON payroll_pay_runs (created_at, id);
      CREATE INDEX ix_payroll_pay_runs_period_start ON payroll_pay_runs (period_start, id);
      CREATE INDEX ix_payroll_pay_runs_status ON payroll_pay_runs (status, created_at);
      CREATE INDEX ix_payroll_pay_runs_schedule ON payroll_pay_runs (pay_schedule_id, created_at);

      -- One-off inputs per employee per run (bonus, commission, reimbursement, correction, hours, unpaid days).
      CREATE TABLE payroll_pay_run_inputs (
        pay_run_id uuid NOT NULL CONSTRAINT fk_payroll_pay_run_inputs_run REFERENCES payroll_pay_runs (id) ON DELETE CASCADE,
        employee_id uuid NOT NULL,
        bonus numeric(16,4) NOT NULL DEFAULT 0 CONSTRAINT ck_payroll_pay_run_inputs_bonus CHECK (bonus >= 0),
        commission numeric(16,4) NOT NULL DEFAULT 0 CONSTRAINT ck_payroll_pay_run_inputs_commission CHECK (commission >= 0),
        reimbursement numeric(16,4) NOT NULL DEFAULT 0 CONSTRAINT ck_payroll_pay_run_inputs_reimbursement CHECK (reimbursement >= 0),
        correction numeric(16,4) NOT NULL DEFAULT 0,
        hours jsonb NOT NULL DEFAULT '[]' CONSTRAINT ck_payroll_pay_run_inputs_hours CHECK (jsonb_typeof(hours) = 'array'),
        unpaid_days jsonb NOT NULL DEFAULT '[]' CONSTRAINT ck_payroll_pay_run_inputs_unpaid CHECK (jsonb_typeof(unpaid_days) = 'array'),
        component_hours jsonb NOT NULL DEFAULT '{}' CONSTRAINT ck_payroll_pay_run_inputs_component_hours CHECK (jsonb_typeof(component_hours) = 'object'),
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (pay_run_id, employee_id)
      );

      -- Payslips: the figures of one employee in one run. Nothing in them depends on the clock.
      CREATE TABLE payroll_payslips (
        id uuid PRIMARY KEY,
        pay_run_id uuid NOT NULL CONSTRAINT fk_payroll_payslips_run REFERENCES payroll_pay_runs (id),
        employee_id uuid NOT NULL,
        employee_number text NOT NULL,
        employee_name varchar(201) NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        pay_date date NOT NULL,
        currency char(3) NOT NULL,
        rule_set_code varchar(20) NOT NULL,
        rule_set_valid_from date NOT NULL,
        gross numeric NOT NULL,
        taxable_gross numeric NOT NULL,
        pre_tax_deductions numeric NOT NULL,
        taxes numeric NOT NULL,
        post_tax_deductions numeric NOT NULL,
        net numeric NOT NULL,
        employer_contributions numeric NOT NULL,
        CONSTRAINT uq_payroll_payslips_employee UNIQUE (pay_run_id, employee_id),
        CONSTRAINT ck_payroll_payslips_net CHECK (net = gross - pre_tax_deductions - taxes - post_tax_deductions)
      );
      CREATE INDEX ix_payroll_payslips_employee ON payroll_payslips (employee_id, pay_date, id);
      CREATE INDEX ix_payroll_payslips_run ON payroll_payslips (pay_run_id, employee_number, id);

      CREATE TABLE payroll_payslip_lines (
        payslip_id uuid NOT NULL CONSTRAINT fk_payroll_payslip_lines_payslip REFERENCES payroll_payslips (id) ON DELETE CASCADE,
        line_no int NOT NULL CONSTRAINT ck_payroll_payslip_lines_line_no CHECK (line_no >= 1),
        code varchar(20) NOT NULL,
        name varchar(200) NOT NULL,
        kind text NOT NULL CONSTRAINT ck_payroll_payslip_lines_kind
          CHECK (kind IN ('earning', 'pre_tax_deduction', 'tax', 'post_tax_deduction', 'employer_contribution')),
        amount numeric NOT NULL,
        ytd_amount numeric NOT NULL,
        explanation text NOT NULL,
        detail jsonb NOT NULL,
        PRIMARY KEY (payslip_id, line_no)
      );

      -- Approved payslips never change, whatever the code does: statement-level checks (set-wise, one
      -- lookup per statement, not per row) refuse any write touching a payslip of an approved or paid run.
      CREATE FUNCTION payroll_refuse_locked_payslips() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed c JOIN payroll_pay_runs r ON r.id = c.pay_run_id WHERE r.status IN ('approved', 'paid')) THEN
          RAISE EXCEPTION 'payslips of an approved pay run cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_payroll_payslips_locked';
        END IF;
        RETURN NULL;
      END $$;
      CREATE FUNCTION payroll_refuse_locked_payslip_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed c JOIN payroll_payslips p ON p.id = c.payslip_id JOIN payroll_pay_runs r ON r.id = p.pay_run_id
                    WHERE r.status IN ('approved', 'paid')) THEN
          RAISE EXCEPTION 'payslips of an approved pay run cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_payroll_payslips_locked';
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER tr_payroll_payslips_locked_insert AFTER INSERT ON payroll_payslips REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_locked_payslips();
      CREATE TRIGGER tr_payroll_payslips_locked_update_old AFTER UPDATE ON payroll_payslips REFERENCING OLD TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_locked_payslips();
      CREATE TRIGGER tr_payroll_payslips_locked_update_new AFTER UPDATE ON payroll_payslips REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_locked_payslips();
      CREATE TRIGGER tr_payroll_payslips_locked_delete AFTER DELETE ON payroll_payslips REFERENCING OLD TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_locked_payslips();
      CREATE TRIGGER tr_payroll_payslip_lines_locked_insert AFTER INSERT ON payroll_payslip_lines REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_locked_payslip_lines();
      CREATE TRIGGER tr_payroll_payslip_lines_locked_update_old AFTER UPDATE ON payroll_payslip_lines REFERENCING OLD TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_locked_payslip_lines();
      CREATE TRIGGER tr_payroll_payslip_lines_locked_update_new AFTER UPDATE ON payroll_payslip_lines REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_locked_payslip_lines();
      CREATE TRIGGER tr_payroll_payslip_lines_locked_delete AFTER DELETE ON payroll_payslip_lines REFERENCING OLD TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION payroll_refuse_locked_payslip_lines();

      -- An approved run never goes back to an editable state.
      CREATE FUNCTION payroll_refuse_pay_run_reopen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('approved', 'paid') AND NEW.status NOT IN ('approved', 'paid') THEN
          RAISE EXCEPTION 'an approved pay run cannot be reopened' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_payroll_pay_runs_locked';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER tr_payroll_pay_runs_locked BEFORE UPDATE OF status ON payroll_pay_runs
        FOR EACH ROW EXECUTE FUNCTION payroll_refuse_pay_run_reopen();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE payroll_payslip_lines; DROP TABLE payroll_payslips; DROP FUNCTION payroll_refuse_locked_payslips(); DROP FUNCTION payroll_refuse_locked_payslip_lines();
      DROP TABLE payroll_pay_run_inputs; DROP TABLE payroll_pay_runs; DROP FUNCTION payroll_refuse_pay_run_reopen();
    `);
  }
}
