import { MAX_PAYMENT_ALLOCATIONS, MAX_PAYMENT_REFUNDS } from '../limits';
import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { Customer } from '../customers/customer.entity';
import { InvoicingErrorCode, InvoicingException } from '../invoicing.errors';
import { InvoiceSettlement } from '../invoices/invoice-settlement';
import { Invoice } from '../invoices/invoice.entity';
import { currencyMinorUnit } from '../invoices/totals.calculator';
import { AllocatePaymentDto, AllocationInputDto, CreatePaymentDto, CustomerCreditListDto, ListPaymentsQuery, PaymentDto, PaymentSummaryDto, RefundPaymentDto } from './dto/payment.dto';
import { Payment, PaymentAllocation, PaymentRefund } from './payment.entity';

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'p.created_at', type: 'timestamp', value: (p: Payment) => p.createdAt.toISOString() },
};

const unallocated = (p: Payment) => new Decimal(p.amount).minus(p.allocatedAmount).minus(p.refundedAmount);

@Injectable()
export class PaymentsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly settlement: InvoiceSettlement,
  ) {}

  private get payments() {
    return this.db.getRepository(Payment);
  }

  /** Records a payment and its allocations; the rest is customer credit. One transaction. */
  async create(input: CreatePaymentDto): Promise<PaymentDto> {
    return this.db.withTransaction(async () => {
      const customer = await this.db.findById(Customer, input.customerId);
      if (!customer) throw new PlatformException(PlatformErrorCode.InvalidReference, `Customer ${input.customerId} does not exist.`, { field: 'customerId' }, [{ field: 'customerId', message: 'does not exist' }]);
      const now = new Date();
      const currency = input.currency ?? customer.currency;
      const p: Payment = {
        id: newId(),
        customerId: customer.id,
        currency,
        amount: new Decimal(input.amount).toDecimalPlaces(currencyMinorUnit(currency), Decimal.ROUND_HALF_UP).toFixed(4),
        receivedOn: input.receivedOn,
        method: input.method,
        reference: input.reference ?? null,
        allocatedAmount: '0',
        refundedAmount: '0',
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      if (new Decimal(p.amount).isZero()) throw new PlatformException(PlatformErrorCode.ValidationFailed, `The amount rounds to zero in ${currency}.`, {}, [{ field: 'amount', message: 'rounds to zero in the currency' }]);
      await this.payments.insert(p);
      const allocations = await this.allocate(p, input.allocations ?? [], false);
      await this.audit.record({ action: 'invoicing.payment.received', entityType: 'payment', entityId: p.id, before: null, after: { customerId: p.customerId, currency, amount: p.amount, receivedOn: p.receivedOn, method: p.method, reference: p.reference, allocations } });
      await this.events.publish('invoicing.payment.received', { type: 'payment', id: p.id }, {
        paymentId: p.id,
        customerId: p.customerId,
        currency,
        amount: this.fmt(p.amount, currency),
        receivedOn: p.receivedOn,
        method: p.method,
        reference: p.reference,
        allocations,
        unallocatedAmount: this.fmt(unallocated(p).toFixed(), currency),
      });
      return this.get(p.id);
    });
  }

  /** Allocates unallocated money of an earlier payment (customer credit) to later invoices. */
  async allocateExisting(id: string, input: AllocatePaymentDto, expectedVersion: number | undefined): Promise<PaymentDto> {
    return this.db.withTransaction(async () => {
      const p = await this.findOrThrow(id, true);
      assertVersion('payment', expectedVersion, p.version);
      const allocations = await this.allocate(p, input.allocations, true);
      await this.audit.record({ action: 'invoicing.payment.allocated', entityType: 'payment', entityId: p.id, before: null, after: { allocations } });
      await this.events.publish('invoicing.payment.allocated', { type: 'payment', id: p.id }, { paymentId: p.id, customerId: p.customerId, currency: p.currency, allocations, unallocatedAmount: this.fmt(unallocated(p).toFixed(), p.currency) });
      return this.get(p.id);
    });
  }

  async refund(id: string, input: RefundPaymentDto, expectedVersion: number | undefined): Promise<PaymentDto> {
    return this.db.withTransaction(async () => {
      const p = await this.findOrThrow(id, true);
      assertVersion('payment', expectedVersion, p.version);
      const amount = new Decimal(input.amount);
      const free = unallocated(p);
      if (amount.gt(free)) {
        throw new InvoicingException(InvoicingErrorCode.RefundExceedsCredit, `Payment has ${this.fmt(free.toFixed(), p.currency)} ${p.currency} unallocated; ${this.fmt(amount.toFixed(), p.currency)} cannot be refunded.`, { unallocatedAmount: this.fmt(free.toFixed(), p.currency), requested: this.fmt(amount.toFixed(), p.currency) }, 'amount');
      }
      const [{ n }] = await this.db.manager.query(`SELECT count(*)::int AS n FROM invc_payment_refunds WHERE payment_id = $1`, [p.id]);
      if (n >= MAX_PAYMENT_REFUNDS) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `A payment has at most ${MAX_PAYMENT_REFUNDS} refunds.`, {}, [
          { field: 'amount', message: `the payment already has ${MAX_PAYMENT_REFUNDS} refunds` },
        ]);
      }
      const refund: PaymentRefund = { id: newId(), paymentId: p.id, amount: amount.toFixed(4), refundedOn: input.refundedOn, reference: input.reference ?? null, createdAt: new Date() };
      await this.db.getRepository(PaymentRefund).insert(refund);
      p.refundedAmount = new Decimal(p.refundedAmount).plus(amount).toFixed(4);
      await this.payments.update({ id: p.id }, { refundedAmount: p.refundedAmount, version: p.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'invoicing.payment.refunded', entityType: 'payment', entityId: p.id, before: { refundedAmount: this.fmt(new Decimal(p.refundedAmount).minus(amount).toFixed(), p.currency) }, after: { refundedAmount: this.fmt(p.refundedAmount, p.currency), refundId: refund.id } });
      await this.events.publish('invoicing.payment.refunded', { type: 'payment', id: p.id }, {
        paymentId: p.id,
        refundId: refund.id,
        customerId: p.customerId,
        currency: p.currency,
        amount: this.fmt(refund.amount, p.currency),
        refundedOn: refund.refundedOn,
        reference: refund.reference,
        unallocatedAmount: this.fmt(unallocated(p).toFixed(), p.currency),
      });
      return this.get(p.id);
    });
  }

  /**
   * Allocates parts of the (locked or new) payment. The invoices are locked in id order, so
   * concurrent payments on one invoice queue up and each sees the amount due left by the last.
   */
  private async allocate(p: Payment, requested: AllocationInputDto[], existing: boolean): Promise<Array<{ invoiceId: string; amount: string }>> {
    if (!requested.length) return [];
    const places = currencyMinorUnit(p.currency);
    const ids = requested.map((a) => a.invoiceId);
    requested.forEach((a, n) => {
      if (ids.indexOf(a.invoiceId) !== n) throw new PlatformException(PlatformErrorCode.ValidationFailed, `Invoice ${a.invoiceId} is listed twice.`, {}, [{ field: `allocations[${n}].invoiceId`, message: 'is listed twice' }]);
      if (new Decimal(a.amount).decimalPlaces() > places) throw new PlatformException(PlatformErrorCode.ValidationFailed, `${p.currency} amounts have at most ${places} decimals.`, {}, [{ field: `allocations[${n}].amount`, message: `at most ${places} decimals in ${p.currency}` }]);
    });
    const total = requested.reduce((s, a) => s.plus(a.amount), new Decimal(0));
    const free = unallocated(p);
    if (total.gt(free)) {
      throw new InvoicingException(InvoicingErrorCode.AllocationExceedsPayment, `Allocations of ${this.fmt(total.toFixed(), p.currency)} exceed the ${this.fmt(free.toFixed(), p.currency)} ${p.currency} unallocated on the payment.`, { unallocatedAmount: this.fmt(free.toFixed(), p.currency), requested: this.fmt(total.toFixed(), p.currency) }, 'allocations');
    }
    const invoices = await this.db.getRepository(Invoice).createQueryBuilder('i').where('i.id IN (:...ids)', { ids }).orderBy('i.id').setLock('pessimistic_write').getMany();
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const now = new Date();
    const rows: PaymentAllocation[] = [];
    for (const [n, a] of requested.entries()) {
      const inv = byId.get(a.invoiceId);
      const field = `allocations[${n}].invoiceId`;
      if (!inv) throw new PlatformException(PlatformErrorCode.InvalidReference, `Invoice ${a.invoiceId} does not exist.`, { field }, [{ field, message: 'does not exist' }]);
      if (inv.customerId !== p.customerId || inv.currency !== p.currency) {
        throw new InvoicingException(InvoicingErrorCode.PaymentMismatch, `Invoice ${inv.number ?? inv.id} is not an invoice of this customer in ${p.currency}.`, { invoiceId: inv.id }, field);
      }
      await this.settlement.applyPayment(inv, new Decimal(a.amount), p.id);
      rows.push({ id: newId(), paymentId: p.id, invoiceId: inv.id, amount: new Decimal(a.amount).toFixed(4), createdAt: now });
    }
    await this.db.getRepository(PaymentAllocation).insert(rows);
    // The payment (locked or new) lists one allocation per invoice; their number is capped.
    const [{ n }] = await this.db.manager.query(`SELECT count(DISTINCT invoice_id)::int AS n FROM invc_payment_allocations WHERE payment_id = $1`, [p.id]);
    if (n > MAX_PAYMENT_ALLOCATIONS) {
      throw new PlatformException(PlatformErrorCode.ValidationFailed, `A payment is allocated to at most ${MAX_PAYMENT_ALLOCATIONS} invoices; this request would make ${n}.`, {}, [
        { field: 'allocations', message: `would exceed ${MAX_PAYMENT_ALLOCATIONS} invoices on the payment` },
      ]);
    }
    p.allocatedAmount = new Decimal(p.allocatedAmount).plus(total).toFixed(4);
    if (existing) p.version += 1;
    await this.payments.update({ id: p.id }, { allocatedAmount: p.allocatedAmount, version: p.version, updatedAt: new Date() });
    return rows.map((r) => ({ invoiceId: r.invoiceId, amount: this.fmt(r.amount, p.currency) }));
  }

  async get(id: string): Promise<PaymentDto> {
    const p = await this.findOrThrow(id);
    const [allocations, refunds] = await Promise.all([
      this.db.manager.query(
        `SELECT a.invoice_id, i.number, sum(a.amount) AS amount, min(a.created_at) AS first FROM invc_payment_allocations a JOIN invc_invoices i ON i.id = a.invoice_id
         WHERE a.payment_id = $1 GROUP BY a.invoice_id, i.number ORDER BY first, a.invoice_id`,
        [id],
      ) as Promise<Array<{ invoice_id: string; number: string | null; amount: string }>>,
      this.db.getRepository(PaymentRefund).find({ where: { paymentId: id }, order: { createdAt: 'ASC' } }),
    ]);
    return {
      ...this.summary(p),
      allocatedAmount: this.fmt(p.allocatedAmount, p.currency),
      refundedAmount: this.fmt(p.refundedAmount, p.currency),
      allocations: allocations.map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.number, amount: this.fmt(a.amount, p.currency) })),
      refunds: refunds.map((r) => ({ id: r.id, amount: this.fmt(r.amount, p.currency), refundedOn: r.refundedOn, reference: r.reference })),
    };
  }

  async list(query: ListPaymentsQuery): Promise<Page<PaymentSummaryDto>> {
    const qb = this.payments.createQueryBuilder('p');
    if (query.customerId) qb.andWhere('p.customer_id = :customerId', { customerId: query.customerId });
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'p.id', map: (p: Payment) => this.summary(p) });
  }

  /** The customer's credit per currency: what its payments hold unallocated (partial index). */
  async customerCredit(customerId: string): Promise<CustomerCreditListDto> {
    if (!(await this.db.findById(Customer, customerId))) throw new NotFoundProblem('Customer', customerId);
    const rows: Array<{ currency: string; amount: string }> = await this.db.manager.query(
      `SELECT currency, sum(amount - allocated_amount - refunded_amount) AS amount FROM invc_payments
       WHERE customer_id = $1 AND allocated_amount + refunded_amount < amount GROUP BY currency ORDER BY currency`,
      [customerId],
    );
    return { customerId, credit: rows.map((r) => ({ currency: r.currency, amount: this.fmt(r.amount, r.currency) })) };
  }

  private summary(p: Payment): PaymentSummaryDto {
    return {
      id: p.id,
      customerId: p.customerId,
      currency: p.currency,
      amount: this.fmt(p.amount, p.currency),
      receivedOn: p.receivedOn,
      method: p.method,
      reference: p.reference,
      unallocatedAmount: this.fmt(unallocated(p).toFixed(), p.currency),
      version: p.version,
      createdAt: p.createdAt.toISOString(),
    };
  }

  private fmt(amount: string, currency: string): string {
    return new Decimal(amount).toFixed(currencyMinorUnit(currency), Decimal.ROUND_HALF_UP);
  }

  async findOrThrow(id: string, lock = false): Promise<Payment> {
    const p = await this.db.findById(Payment, id, { lock });
    if (!p) throw new NotFoundProblem('Payment', id);
    return p;
  }
}
