import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayrollScheduleAssignments1764400200200 implements MigrationInterface {
  name = 'PayrollScheduleAssignments1764400200200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Each employee is paid on one schedule. employee_id refers to hr_employees, checked through the HR facade.
      CREATE TABLE payroll_schedule_assignments (
        employee_id uuid PRIMARY KEY,
        pay_schedule_id uuid NOT NULL CONSTRAINT fk_payroll_schedule_assignments_schedule REFERENCES payroll_pay_schedules (id),
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_payroll_schedule_assignments_schedule ON payroll_schedule_assignments (pay_schedule_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payroll_schedule_assignments');
  }
}
