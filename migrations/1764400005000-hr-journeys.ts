import { MigrationInterface, QueryRunner } from 'typeorm';

export class HrJourneys1764400005000 implements MigrationInterface {
  name = 'HrJourneys1764400005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hr_checklist_templates (
        id uuid PRIMARY KEY,
        name varchar(100) NOT NULL CONSTRAINT uq_hr_checklist_templates_name UNIQUE,
        kind text NOT NULL CONSTRAINT ck_hr_checklist_templates_kind CHECK (kind IN ('onboarding', 'offboarding')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_hr_checklist_templates_name ON hr_checklist_templates (name, id);
      CREATE INDEX ix_hr_checklist_templates_kind ON hr_checklist_templates (kind, name, id);

      CREATE TABLE hr_checklist_template_tasks (
        template_id uuid NOT NULL CONSTRAINT fk_hr_checklist_template_tasks_template REFERENCES hr_checklist_templates (id) ON DELETE CASCADE,
        position int NOT NULL,
        title varchar(200) NOT NULL,
        owner_role varchar(50),
        owner_department_id uuid CONSTRAINT fk_hr_checklist_template_tasks_department REFERENCES hr_departments (id),
        due_offset_days int NOT NULL CONSTRAINT ck_hr_checklist_template_tasks_offset CHECK (due_offset_days BETWEEN -365 AND 365),
        kind text NOT NULL CONSTRAINT ck_hr_checklist_template_tasks_kind CHECK (kind IN ('manual', 'it_ticket', 'contract')),
        CONSTRAINT pk_hr_checklist_template_tasks PRIMARY KEY (template_id, position),
        CONSTRAINT ck_hr_checklist_template_tasks_owner CHECK ((owner_role IS NULL) <> (owner_department_id IS NULL))
      );

      CREATE TABLE hr_journeys (
        id uuid PRIMARY KEY,
        employee_id uuid NOT NULL CONSTRAINT fk_hr_journeys_employee REFERENCES hr_employees (id),
        template_id uuid CONSTRAINT fk_hr_journeys_template REFERENCES hr_checklist_templates (id) ON DELETE SET NULL,
        kind text NOT NULL CONSTRAINT ck_hr_journeys_kind CHECK (kind IN ('onboarding', 'offboarding')),
        anchor_date date NOT NULL,
        status text NOT NULL CONSTRAINT ck_hr_journeys_status CHECK (status IN ('in_progress', 'completed', 'cancelled')),
        completed_at timestamptz(3),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_journeys_completed_at CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      );
      -- One journey of each kind under way per employee.
      CREATE UNIQUE INDEX uq_hr_journeys_active ON hr_journeys (employee_id, kind) WHERE status = 'in_progress';
      CREATE INDEX ix_hr_journeys_employee ON hr_journeys (employee_id, created_at, id);
      CREATE INDEX ix_hr_journeys_status ON hr_journeys (status, created_at, id);
      CREATE INDEX ix_hr_journeys_created_at ON hr_journeys (created_at, id);

      CREATE TABLE hr_journey_tasks (
        id uuid PRIMARY KEY,
        journey_id uuid NOT NULL CONSTRAINT fk_hr_journey_tasks_journey REFERENCES hr_journeys (id) ON DELETE CASCADE,
        position int NOT NULL,
        title varchar(200) NOT NULL,
        owner_role varchar(50),
        owner_department_id uuid CONSTRAINT fk_hr_journey_tasks_department REFERENCES hr_departments (id),
        kind text NOT NULL CONSTRAINT ck_hr_journey_tasks_kind CHECK (kind IN ('manual', 'it_ticket', 'contract')),
        due_date date NOT NULL,
        status text NOT NULL CONSTRAINT ck_hr_journey_tasks_status CHECK (status IN ('open', 'done')),
        done_at timestamptz(3),
        done_by varchar(200),
        note varchar(500),
        CONSTRAINT uq_hr_journey_tasks_position UNIQUE (journey_id, position),
        CONSTRAINT ck_hr_journey_tasks_done CHECK ((status = 'done') = (done_at IS NOT NULL))
      );
      CREATE INDEX ix_hr_journey_tasks_due ON hr_journey_tasks (due_date) WHERE status = 'open';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE hr_journey_tasks;
      DROP TABLE hr_journeys;
      DROP TABLE hr_checklist_template_tasks;
      DROP TABLE hr_checklist_templates;
    `);
  }
}
