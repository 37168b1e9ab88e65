import { MigrationInterface, QueryRunner } from 'typeorm';

export class HrCore1764400001000 implements MigrationInterface {
  name = 'HrCore1764400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE hr_departments (
        id uuid PRIMARY KEY,
        code varchar(20) NOT NULL CONSTRAINT uq_hr_departments_code UNIQUE,
        name varchar(200) NOT NULL,
        cost_center varchar(50),
        parent_id uuid CONSTRAINT fk_hr_departments_parent REFERENCES hr_departments (id),
        head_employee_id uuid,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_departments_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      );
      CREATE INDEX ix_hr_departments_parent ON hr_departments (parent_id);
      CREATE INDEX ix_hr_departments_head ON hr_departments (head_employee_id);
      CREATE INDEX ix_hr_departments_name ON hr_departments (name, id);
      CREATE INDEX ix_hr_departments_created_at ON hr_departments (created_at, id);

      CREATE TABLE hr_positions (
        id uuid PRIMARY KEY,
        title varchar(200) NOT NULL,
        department_id uuid NOT NULL CONSTRAINT fk_hr_positions_department REFERENCES hr_departments (id),
        grade varchar(20),
        headcount_budget int NOT NULL CONSTRAINT ck_hr_positions_headcount_budget CHECK (headcount_budget BETWEEN 0 AND 100000),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_hr_positions_department ON hr_positions (department_id, title, id);
      CREATE INDEX ix_hr_positions_title ON hr_positions (title, id);
      CREATE INDEX ix_hr_positions_created_at ON hr_positions (created_at, id);

      CREATE SEQUENCE hr_employee_number_seq;
      CREATE FUNCTION hr_format_employee_number(n bigint) RETURNS text IMMUTABLE LANGUAGE sql AS
        $$ SELECT 'EMP-' || lpad(n::text, greatest(5, length(n::text)), '0') $$;

      CREATE TABLE hr_employees (
        id uuid PRIMARY KEY,
        employee_number text NOT NULL DEFAULT hr_format_employee_number(nextval('hr_employee_number_seq')),
        first_name varchar(100) NOT NULL,
        last_name varchar(100) NOT NULL,
        work_email varchar(254) NOT NULL CONSTRAINT ck_hr_employees_work_email CHECK (work_email ~ '^[^@\\s]+@[^@\\s]+$'),
        phone varchar(32),
        birth_date date,
        hire_date date NOT NULL,
        employment_type text NOT NULL CONSTRAINT ck_hr_employees_employment_type
          CHECK (employment_type IN ('full_time', 'part_time', 'contractor', 'intern')),
        status text NOT NULL DEFAULT 'active' CONSTRAINT ck_hr_employees_status
          CHECK (status IN ('active', 'on_leave', 'terminated')),
        department_id uuid CONSTRAINT fk_hr_employees_department REFERENCES hr_departments (id),
        position_id uuid CONSTRAINT fk_hr_employees_position REFERENCES hr_positions (id),
        manager_id uuid CONSTRAINT fk_hr_employees_manager REFERENCES hr_employees (id),
        work_location varchar(200),
        country char(2) CONSTRAINT ck_hr_employees_country CHECK (country ~ '^[A-Z]{2}$'),
        national_id varchar(64),
        iban varchar(34) CONSTRAINT ck_hr_employees_iban CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        base_salary_amount numeric(14, 2) CONSTRAINT ck_hr_employees_base_salary CHECK (base_salary_amount >= 0),
        base_salary_currency char(3) CONSTRAINT ck_hr_employees_salary_currency CHECK (base_salary_currency ~ '^[A-Z]{3}$'),
        termination_date date,
        termination_reason varchar(500),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_hr_employees_manager_not_self CHECK (manager_id IS NULL OR manager_id <> id),
        CONSTRAINT ck_hr_employees_salary_pair CHECK ((base_salary_amount IS NULL) = (base_salary_currency IS NULL)),
        CONSTRAINT ck_hr_employees_terminated_has_date CHECK (status <> 'terminated' OR termination_date IS NOT NULL),
        CONSTRAINT ck_hr_employees_termination_after_hire CHECK (termination_date IS NULL OR termination_date >= hire_date),
        CONSTRAINT ck_hr_employees_birth_before_hire CHECK (birth_date IS NULL OR birth_date < hire_date)
      );
      CREATE UNIQUE INDEX uq_hr_employees_work_email ON hr_employees (lower(work_email));
      CREATE UNIQUE INDEX uq_hr_employees_employee_number ON hr_employees (employee_number);
      CREATE INDEX ix_hr_employees_department ON hr_employees (department_id, last_name, id);
      CREATE INDEX ix_hr_employees_position ON hr_employees (position_id) WHERE status <> 'terminated';
      CREATE INDEX ix_hr_employees_manager ON hr_employees (manager_id, last_name, id);
      CREATE INDEX ix_hr_employees_status ON hr_employees (status, last_name, id);
      CREATE INDEX ix_hr_employees_last_name ON hr_employees (last_name, id);
      CREATE INDEX ix_hr_employees_hire_date ON hr_employees (hire_date, id);
      CREATE INDEX ix_hr_employees_created_at ON hr_employees (created_at, id);
      CREATE INDEX ix_hr_employees_pending_termination ON hr_employees (termination_date) WHERE status <> 'terminated' AND termination_date IS NOT NULL;
      CREATE INDEX ix_hr_employees_search ON hr_employees
        USING gin ((lower(first_name || ' ' || last_name || ' ' || work_email || ' ' || employee_number)) gin_trgm_ops);

      ALTER TABLE hr_departments ADD CONSTRAINT fk_hr_departments_head
        FOREIGN KEY (head_employee_id) REFERENCES hr_employees (id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hr_departments DROP CONSTRAINT fk_hr_departments_head;
      DROP TABLE hr_employees;
      DROP FUNCTION hr_format_employee_number(bigint);
      DROP SEQUENCE hr_employee_number_seq;
      DROP TABLE hr_positions;
      DROP TABLE hr_departments;
    `);
  }
}
