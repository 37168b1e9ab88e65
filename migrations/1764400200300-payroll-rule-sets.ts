import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayrollRuleSets1764400200300 implements MigrationInterface {
  name = 'PayrollRuleSets1764400200300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Tax and contribution rules as data. A version is immutable; a new valid_from makes a new version of a code.
      CREATE TABLE payroll_rule_sets (
        id uuid PRIMARY KEY,
        code varchar(20) NOT NULL CONSTRAINT ck_payroll_rule_sets_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
        valid_from date NOT NULL,
        name varchar(200) NOT NULL,
        tax_allowance numeric(16,4) NOT NULL CONSTRAINT ck_payroll_rule_sets_allowance CHECK (tax_allowance >= 0),
        tax_brackets jsonb NOT NULL CONSTRAINT ck_payroll_rule_sets_brackets CHECK (jsonb_typeof(tax_brackets) = 'array'),
        contributions jsonb NOT NULL CONSTRAINT ck_payroll_rule_sets_contributions CHECK (jsonb_typeof(contributions) = 'array'),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_payroll_rule_sets_version UNIQUE (code, valid_from)
      );
      CREATE INDEX ix_payroll_rule_sets_created_at ON payroll_rule_sets (created_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE payroll_rule_sets');
  }
}
