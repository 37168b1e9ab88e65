import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An employee's position belongs to the employee's department: (position_id, department_id)
 * references hr_positions (id, department_id), and a position needs a department.
 *
 * Existing rows are checked first and never changed. Both constraints are added NOT VALID
 * (enforced for every new or changed row from now on) and validated at once when no existing
 * employee breaks the rule. When some do, they stay NOT VALID and the migration says so, with
 * the count and the query that lists them, rather than failing: a failed migration stops the
 * whole API at start-up for a data question only HR can answer. Once HR has fixed those
 * employees (PATCH departmentId and positionId together), run
 *   ALTER TABLE hr_employees VALIDATE CONSTRAINT fk_hr_employees_position_department;
 *   ALTER TABLE hr_employees VALIDATE CONSTRAINT ck_hr_employees_position_needs_department;
 */
export const POSITION_DEPARTMENT_VIOLATIONS = `
  SELECT e.id, e.employee_number, e.department_id, e.position_id, p.department_id AS position_department_id
    FROM hr_employees e JOIN hr_positions p ON p.id = e.position_id
   WHERE e.department_id IS DISTINCT FROM p.department_id`;

export class HrPositionDepartment1764400900000 implements MigrationInterface {
  name = 'HrPositionDepartment1764400900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hr_positions ADD CONSTRAINT uq_hr_positions_id_department UNIQUE (id, department_id);
      -- Serves the foreign key's checks when a position changes department, and the holder count.
      CREATE INDEX ix_hr_employees_position_department ON hr_employees (position_id, department_id);
      ALTER TABLE hr_employees
        ADD CONSTRAINT fk_hr_employees_position_department FOREIGN KEY (position_id, department_id)
          REFERENCES hr_positions (id, department_id) NOT VALID,
        ADD CONSTRAINT ck_hr_employees_position_needs_department CHECK (position_id IS NULL OR department_id IS NOT NULL) NOT VALID;
    `);
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM (${POSITION_DEPARTMENT_VIOLATIONS}) v`);
    if (n === 0) {
      await q.query(`
        ALTER TABLE hr_employees VALIDATE CONSTRAINT fk_hr_employees_position_department;
        ALTER TABLE hr_employees VALIDATE CONSTRAINT ck_hr_employees_position_needs_department;
      `);
      return;
    }
    console.warn(
      `[migration ${this.name}] ${n} existing employee${n === 1 ? ' holds a position' : 's hold positions'} of another department (or have no department). ` +
        'They were left unchanged and the constraints fk_hr_employees_position_department and ck_hr_employees_position_needs_department are NOT VALID ' +
        '(enforced for new and changed rows only). List them with:' + POSITION_DEPARTMENT_VIOLATIONS.replace(/\s+/g, ' ') +
        '; fix them, then VALIDATE both constraints.',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hr_employees DROP CONSTRAINT ck_hr_employees_position_needs_department, DROP CONSTRAINT fk_hr_employees_position_department;
      DROP INDEX ix_hr_employees_position_department;
      ALTER TABLE hr_positions DROP CONSTRAINT uq_hr_positions_id_department;
    `);
  }
}
