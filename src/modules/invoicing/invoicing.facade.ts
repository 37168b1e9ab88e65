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
}
