import { Injectable } from '@nestjs/common';
import { TransactionalConnection } from '../../platform/database/transactional-connection';
import { NotFoundProblem } from '../../platform/http/problem';
import { Customer } from './customers/customer.entity';
import { CreateInvoiceDto } from './invoices/dto/invoice.dto';
import { InvoicesService } from './invoices/invoices.service';
import { Inject } from '@nestjs/common';
import { CustomersService } from './customers/customers.service';
import { CreateCustomerDto, CustomerDto } from './customers/dto/customer.dto';

export interface DraftInvoiceLineRequest {
  /** Free text of the line (a product fills it in when given). */
  description?: string;
  productId?: string;
  /** Decimal string above zero, up to 4 decimals. */
  quantity: string;
  /** UN/ECE rec. 20 unit code; C62 when omitted. */
  unitCode?: string;
  /** Net price per unit, decimal string. */
  unitPrice?: string;
  taxCategoryId?: string;
}

export interface DraftInvoiceRequest {
  customerId: string;
  seriesId: string;
  /** ISO 4217; the customer's default when omitted. */
  currency?: string;
  dueDate?: string;
  buyerReference?: string;
  /** Order reference (BT-13), e.g. a contract number. */
  orderReference?: string;
  note?: string;
  lines: DraftInvoiceLineRequest[];
}

export interface DraftInvoiceSummary {
  id: string;
  status: string;
  customerId: string;
  currency: string;
  payableAmount: string;
}

export interface CustomerSummary {
  id: string;
  legalName: string;
  currency: string;
}

/**
 * The invoicing module's front door for other modules. Every call joins the caller's transaction
 * (repositories come from the request context), so a caller's row and the invoice commit together.
 * Refusals are the invoicing module's problems (422 `invalid_reference`, validation problems, ...).
 */
@Injectable()
export class InvoicingFacade {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly invoices: InvoicesService,
  ) {}

  /** A customer's identity, or null when it does not exist. */
  async findCustomer(id: string): Promise<CustomerSummary | null> {
    const customer = await this.db.findById(Customer, id);
    return customer ? { id: customer.id, legalName: customer.legalName, currency: customer.currency } : null;
  }

  /** Creates a draft invoice (no number yet), totals computed as for `POST /invoicing/invoices`. */
  async createDraftInvoice(request: DraftInvoiceRequest): Promise<DraftInvoiceSummary> {
    const view = await this.invoices.create(request as CreateInvoiceDto);
    return { id: view.id, status: view.status, customerId: view.customerId, currency: view.currency, payableAmount: view.totals.payableAmount };
  }

  /** An invoice's state and amount, or null when it does not exist. */
  async findInvoice(id: string): Promise<DraftInvoiceSummary | null> {
    try {
      const view = await this.invoices.get(id);
      return { id: view.id, status: view.status, customerId: view.customerId, currency: view.currency, payableAmount: view.totals.payableAmount };
    } catch (err) {
      if (err instanceof NotFoundProblem) return null;
      throw err;
    }
  }

  // For CSV imports (integrations). Injected as a property so the constructor above stays as it is.
  @Inject(CustomersService) private readonly customersForImport!: CustomersService;

  /** Creates a customer exactly as `POST /invoicing/customers` does (audit event), joining the caller's transaction. */
  createCustomer(input: CreateCustomerDto): Promise<CustomerDto> {
    return this.customersForImport.create(input);
  }

  // ---- Reports (read by integrations/reports; every figure aggregated in SQL) ----

  /**
   * Per issue month and currency, for issue dates from `from` to `to` (dates): invoiced (tax
   * exclusive, void invoices left out), credited (credit notes by their issue date, tax exclusive)
   * and the receivables of the month's invoices as they stand now (their amount due today).
   */
  async revenueByMonth(from: string, to: string): Promise<RevenueMonthRow[]> {
    const rows: Array<Record<string, string>> = await this.db.manager.query(
      `WITH inv AS (
         SELECT to_char(issue_date, 'YYYY-MM') AS month, currency,
                sum(tax_exclusive_amount) AS invoiced,
                coalesce(sum(amount_due) FILTER (WHERE status IN ('issued', 'partially_paid')), 0) AS receivable,
                count(*) AS invoices
           FROM invc_invoices
          WHERE issue_date BETWEEN $1::date AND $2::date AND status <> 'void'
          GROUP BY 1, 2
       ), cn AS (
         SELECT to_char(c.issue_date, 'YYYY-MM') AS month, c.currency, sum(c.tax_exclusive_amount) AS credited, count(*) AS credit_notes
           FROM invc_credit_notes c JOIN invc_invoices i ON i.id = c.invoice_id
          WHERE c.issue_date BETWEEN $1::date AND $2::date AND i.status <> 'void'
          GROUP BY 1, 2
       )
       SELECT month, currency, coalesce(inv.invoiced, 0) AS invoiced, coalesce(cn.credited, 0) AS credited,
              coalesce(inv.invoiced, 0) - coalesce(cn.credited, 0) AS revenue, coalesce(inv.receivable, 0) AS receivable,
              coalesce(inv.invoices, 0) AS invoices, coalesce(cn.credit_notes, 0) AS credit_notes
         FROM inv FULL JOIN cn USING (month, currency)
        ORDER BY month, currency`,
      [from, to],
    );
    return rows.map((r) => ({
      month: r.month,
      currency: r.currency,
      invoiced: r.invoiced,
      credited: r.credited,
      revenue: r.revenue,
      receivables: r.receivable,
      invoices: Number(r.invoices),
      creditNotes: Number(r.credit_notes),
    }));
  }

  /** Per currency: net revenue of the month of `today` and open amounts past their due date on `today` (one query). */
  async receivablesToday(today: string): Promise<Array<{ currency: string; revenueThisMonth: string; overdue: string; overdueInvoices: number }>> {
    const rows: Array<Record<string, string>> = await this.db.manager.query(
      `WITH m AS (SELECT date_trunc('month', $1::date)::date AS start),
       parts AS (
         SELECT currency, tax_exclusive_amount AS revenue, 0 AS overdue, 0 AS overdue_count
           FROM invc_invoices, m WHERE issue_date >= m.start AND issue_date <= $1::date AND status <> 'void'
         UNION ALL
         SELECT c.currency, -c.tax_exclusive_amount, 0, 0
           FROM invc_credit_notes c JOIN invc_invoices i ON i.id = c.invoice_id, m
          WHERE c.issue_date >= m.start AND c.issue_date <= $1::date AND i.status <> 'void'
         UNION ALL
         SELECT currency, 0, amount_due, 1
           FROM invc_invoices WHERE status IN ('issued', 'partially_paid') AND due_date < $1::date
       )
       SELECT currency, sum(revenue) AS revenue, sum(overdue) AS overdue, sum(overdue_count) AS overdue_count
         FROM parts GROUP BY currency ORDER BY currency`,
      [today],
    );
    return rows.map((r) => ({ currency: r.currency, revenueThisMonth: r.revenue, overdue: r.overdue, overdueInvoices: Number(r.overdue_count) }));
  }
}

/** Revenue and receivables of one issue month in one currency; amounts are numeric strings, unrounded. */
export interface RevenueMonthRow {
  month: string;
  currency: string;
  invoiced: string;
  credited: string;
  revenue: string;
  receivables: string;
  invoices: number;
  creditNotes: number;
}
