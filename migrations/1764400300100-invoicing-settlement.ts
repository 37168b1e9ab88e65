import { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoicingSettlement1764400300100 implements MigrationInterface {
  name = 'InvoicingSettlement1764400300100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A series numbers either invoices or credit notes (each document type has its own numbering).
      ALTER TABLE invc_series ADD COLUMN document_type text NOT NULL DEFAULT 'invoice'
        CONSTRAINT ck_invc_series_document_type CHECK (document_type IN ('invoice', 'credit_note'));

      -- Settlement: amount due = payable − credited − paid, kept in the row, updated with the
      -- payment or credit note in the same transaction.
      ALTER TABLE invc_invoices DROP CONSTRAINT ck_invc_invoices_status;
      ALTER TABLE invc_invoices ADD CONSTRAINT ck_invc_invoices_status CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'void'));
      ALTER TABLE invc_invoices
        ADD COLUMN credited_amount numeric(18, 4) NOT NULL DEFAULT 0 CONSTRAINT ck_invc_invoices_credited CHECK (credited_amount >= 0),
        ADD COLUMN paid_amount numeric(18, 4) NOT NULL DEFAULT 0 CONSTRAINT ck_invc_invoices_paid CHECK (paid_amount >= 0),
        ADD COLUMN amount_due numeric(18, 4) NOT NULL DEFAULT 0 CONSTRAINT ck_invc_invoices_amount_due CHECK (amount_due >= 0),
        ADD COLUMN voided_at timestamptz(3),
        ADD CONSTRAINT ck_invc_invoices_settled CHECK (status <> 'paid' OR amount_due = 0),
        ADD CONSTRAINT ck_invc_invoices_void CHECK ((status = 'void') = (voided_at IS NOT NULL));
      UPDATE invc_invoices SET amount_due = payable_amount WHERE status = 'issued' AND payable_amount > 0;
      -- Open receivables: overdue filter, aging report and the credit limit check.
      CREATE INDEX ix_invc_invoices_open_due ON invc_invoices (due_date, created_at, id) WHERE status IN ('issued', 'partially_paid');
      CREATE INDEX ix_invc_invoices_open_customer ON invc_invoices (customer_id, currency, due_date) INCLUDE (amount_due, issue_date) WHERE status IN ('issued', 'partially_paid');
      CREATE INDEX ix_invc_invoices_issue_date ON invc_invoices (issue_date, customer_id) INCLUDE (currency, tax_exclusive_amount) WHERE issue_date IS NOT NULL;

      CREATE TABLE invc_credit_notes (
        id uuid PRIMARY KEY,
        invoice_id uuid NOT NULL CONSTRAINT fk_invc_credit_notes_invoice REFERENCES invc_invoices (id),
        series_id uuid NOT NULL CONSTRAINT fk_invc_credit_notes_series REFERENCES invc_series (id),
        number text NOT NULL,
        customer_id uuid NOT NULL CONSTRAINT fk_invc_credit_notes_customer REFERENCES invc_customers (id),
        currency char(3) NOT NULL,
        issue_date date NOT NULL,
        reason varchar(500) NOT NULL,
        line_total numeric(18, 4) NOT NULL,
        allowance_total numeric(18, 4) NOT NULL,
        charge_total numeric(18, 4) NOT NULL,
        tax_exclusive_amount numeric(18, 4) NOT NULL,
        tax_total numeric(18, 4) NOT NULL,
        tax_inclusive_amount numeric(18, 4) NOT NULL CONSTRAINT ck_invc_credit_notes_amount CHECK (tax_inclusive_amount >= 0),
        tax_breakdown jsonb NOT NULL,
        customer_snapshot jsonb NOT NULL,
        seller_snapshot jsonb NOT NULL,
        stock_returned boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_invc_credit_notes_number ON invc_credit_notes (series_id, number);
      CREATE INDEX ix_invc_credit_notes_invoice ON invc_credit_notes (invoice_id, created_at, id);
      CREATE INDEX ix_invc_credit_notes_created_at ON invc_credit_notes (created_at, id);
      CREATE INDEX ix_invc_credit_notes_issue_date ON invc_credit_notes (issue_date, customer_id) INCLUDE (currency, tax_exclusive_amount);

      CREATE TABLE invc_credit_note_lines (
        id uuid PRIMARY KEY,
        credit_note_id uuid NOT NULL CONSTRAINT fk_invc_credit_note_lines_credit_note REFERENCES invc_credit_notes (id),
        line_no int NOT NULL,
        invoice_line_id uuid NOT NULL CONSTRAINT fk_invc_credit_note_lines_invoice_line REFERENCES invc_invoice_lines (id),
        description varchar(500) NOT NULL,
        quantity numeric(16, 4) NOT NULL CONSTRAINT ck_invc_credit_note_lines_quantity CHECK (quantity > 0),
        unit_code varchar(3) NOT NULL,
        unit_price numeric(18, 4) NOT NULL,
        allowance numeric(18, 4) NOT NULL,
        tax_category_id uuid NOT NULL CONSTRAINT fk_invc_credit_note_lines_tax_category REFERENCES invc_tax_categories (id),
        net_amount numeric(18, 4) NOT NULL,
        CONSTRAINT uq_invc_credit_note_lines_no UNIQUE (credit_note_id, line_no)
      );
      CREATE INDEX ix_invc_credit_note_lines_invoice_line ON invc_credit_note_lines (invoice_line_id);
      CREATE INDEX ix_invc_credit_note_lines_tax_category ON invc_credit_note_lines (tax_category_id);

      CREATE TABLE invc_payments (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL CONSTRAINT fk_invc_payments_customer REFERENCES invc_customers (id),
        currency char(3) NOT NULL CONSTRAINT ck_invc_payments_currency CHECK (currency ~ '^[A-Z]{3}$'),
        amount numeric(18, 4) NOT NULL CONSTRAINT ck_invc_payments_amount CHECK (amount > 0),
        received_on date NOT NULL,
        method text NOT NULL CONSTRAINT ck_invc_payments_method CHECK (method IN ('bank_transfer', 'card', 'cash', 'cheque', 'direct_debit', 'other')),
        reference varchar(200),
        allocated_amount numeric(18, 4) NOT NULL DEFAULT 0 CONSTRAINT ck_invc_payments_allocated CHECK (allocated_amount >= 0),
        refunded_amount numeric(18, 4) NOT NULL DEFAULT 0 CONSTRAINT ck_invc_payments_refunded CHECK (refunded_amount >= 0),
        -- What is neither allocated nor refunded is the customer's credit.
        CONSTRAINT ck_invc_payments_unallocated CHECK (allocated_amount + refunded_amount <= amount),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_invc_payments_created_at ON invc_payments (created_at, id);
      CREATE INDEX ix_invc_payments_customer ON invc_payments (customer_id, created_at, id);
      CREATE INDEX ix_invc_payments_customer_credit ON invc_payments (customer_id, currency) INCLUDE (amount, allocated_amount, refunded_amount)
        WHERE allocated_amount + refunded_amount < amount;

      CREATE TABLE invc_payment_allocations (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL CONSTRAINT fk_invc_payment_allocations_payment REFERENCES invc_payments (id),
        invoice_id uuid NOT NULL CONSTRAINT fk_invc_payment_allocations_invoice REFERENCES invc_invoices (id),
        -- Negative when a credit note or void released the money back to the payment.
        amount numeric(18, 4) NOT NULL CONSTRAINT ck_invc_payment_allocations_amount CHECK (amount <> 0),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_invc_payment_allocations_payment ON invc_payment_allocations (payment_id, created_at);
      CREATE INDEX ix_invc_payment_allocations_invoice ON invc_payment_allocations (invoice_id, created_at);

      CREATE TABLE invc_payment_refunds (
        id uuid PRIMARY KEY,
        payment_id uuid NOT NULL CONSTRAINT fk_invc_payment_refunds_payment REFERENCES invc_payments (id),
        amount numeric(18, 4) NOT NULL CONSTRAINT ck_invc_payment_refunds_amount CHECK (amount > 0),
        refunded_on date NOT NULL,
        reference varchar(200),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_invc_payment_refunds_payment ON invc_payment_refunds (payment_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE invc_payment_refunds;
      DROP TABLE invc_payment_allocations;
      DROP TABLE invc_payments;
      DROP TABLE invc_credit_note_lines;
      DROP TABLE invc_credit_notes;
      DROP INDEX ix_invc_invoices_issue_date;
      DROP INDEX ix_invc_invoices_open_customer;
      DROP INDEX ix_invc_invoices_open_due;
      ALTER TABLE invc_invoices DROP CONSTRAINT ck_invc_invoices_void, DROP CONSTRAINT ck_invc_invoices_settled,
        DROP COLUMN voided_at, DROP COLUMN amount_due, DROP COLUMN paid_amount, DROP COLUMN credited_amount;
      ALTER TABLE invc_invoices DROP CONSTRAINT ck_invc_invoices_status;
      ALTER TABLE invc_invoices ADD CONSTRAINT ck_invc_invoices_status CHECK (status IN ('draft', 'issued'));
      ALTER TABLE invc_series DROP COLUMN document_type;
    `);
  }
}
