import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { todayIn } from '../../../platform/time/calendar';
import { changedFields, changedKeys, withPatch } from '../../../platform/changes/changed-fields';
import { InventoryFacade } from '../../inventory';
import { INVOICE_DRAFT_FIELDS, invoiceDraftPayload } from '../change.events';
import { Customer } from '../customers/customer.entity';
import { toCustomerDto } from '../customers/customers.service';
import { InvoicingErrorCode, InvoicingException } from '../invoicing.errors';
import { Product } from '../products/product.entity';
import { toSellerProfileDto, SellerProfileService } from '../seller-profile/seller-profile.service';
import { SeriesService } from '../series/series.service';
import { TaxCategory } from '../tax-categories/tax-category.entity';
import { CreateInvoiceDto, InvoiceDto, InvoiceSummaryDto, ListInvoicesQuery, UpdateInvoiceDto } from './dto/invoice.dto';
import { CreditNotesService } from '../credit-notes/credit-notes.service';
import { VoidInvoiceDto } from './dto/invoice.dto';
import { INVOICE_TRANSITIONS } from './invoice-settlement';
import { Invoice, InvoiceAllowanceCharge, InvoiceLine, OPEN_STATUSES } from './invoice.entity';
import { calculateTotals, currencyMinorUnit } from './totals.calculator';

export { INVOICE_TRANSITIONS } from './invoice-settlement';

/** The crash-test hook: only under NODE_ENV=test with FAULT_INJECT naming this point. */
function faultPoint(name: string): void {
  if (process.env.NODE_ENV === 'test' && process.env.FAULT_INJECT === name) process.kill(process.pid, 'SIGKILL');
}

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'i.created_at', type: 'timestamp', value: (i: Invoice) => i.createdAt.toISOString() },
};

const money = (amount: string, currency: string) => new Decimal(amount).toFixed(currencyMinorUnit(currency));

const isOverdue = (i: Invoice, today: string) => (OPEN_STATUSES as readonly string[]).includes(i.status) && i.dueDate !== null && i.dueDate < today;

const summary = (today: string) => (i: Invoice): InvoiceSummaryDto => ({
  id: i.id,
  number: i.number,
  status: i.status,
  customerId: i.customerId,
  currency: i.currency,
  issueDate: i.issueDate,
  dueDate: i.dueDate,
  payableAmount: money(i.payableAmount, i.currency),
  amountDue: money(i.amountDue, i.currency),
  overdue: isOverdue(i, today),
  version: i.version,
  createdAt: i.createdAt.toISOString(),
});

function invalidReference(field: string, detail: string): PlatformException {
  return new PlatformException(PlatformErrorCode.InvalidReference, detail, { field }, [{ field, message: detail }]);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface DraftContent {
  customerId: string;
  currency: string;
  prepaidAmount: string;
  lines: NonNullable<CreateInvoiceDto['lines']>;
  allowancesCharges: NonNullable<CreateInvoiceDto['allowancesCharges']>;
}

type LineFields = Pick<InvoiceLine, 'productId' | 'description' | 'quantity' | 'unitCode' | 'unitPrice' | 'allowance' | 'taxCategoryId'>;
type AllowanceChargeFields = Pick<InvoiceAllowanceCharge, 'chargeIndicator' | 'amount' | 'reason' | 'taxCategoryId'>;
const lineAsInput = (l: LineFields) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitCode: l.unitCode, unitPrice: l.unitPrice, allowance: l.allowance, taxCategoryId: l.taxCategoryId });
const allowanceChargeAsInput = (a: AllowanceChargeFields) => ({ chargeIndicator: a.chargeIndicator, amount: a.amount, reason: a.reason, taxCategoryId: a.taxCategoryId });

@Injectable()
export class InvoicesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly series: SeriesService,
    private readonly sellerProfiles: SellerProfileService,
    private readonly inventory: InventoryFacade,
    private readonly creditNotes: CreditNotesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get invoices() {
    return this.db.getRepository(Invoice);
  }

  private get lines() {
    return this.db.getRepository(InvoiceLine);
  }

  private get allowancesCharges() {
    return this.db.getRepository(InvoiceAllowanceCharge);
  }

  async create(input: CreateInvoiceDto): Promise<InvoiceDto> {
    return this.db.withTransaction(async () => {
      const customer = await this.db.findById(Customer, input.customerId);
      if (!customer) throw invalidReference('customerId', `Customer ${input.customerId} does not exist.`);
      const id = newId();
      const now = new Date();
      const content: DraftContent = {
        customerId: customer.id,
        currency: input.currency ?? customer.currency,
        prepaidAmount: input.prepaidAmount ?? '0',
        lines: input.lines ?? [],
        allowancesCharges: input.allowancesCharges ?? [],
      };
      const priced = await this.price(content);
      await this.invoices.insert({
        id,
        status: 'draft',
        seriesId: input.seriesId,
        customerId: customer.id,
        currency: content.currency,
        number: null,
        issueDate: null,
        dueDate: input.dueDate ?? null,
        buyerReference: input.buyerReference ?? null,
        orderReference: input.orderReference ?? null,
        note: input.note ?? null,
        ...priced.totals,
        customerSnapshot: null,
        sellerSnapshot: null,
        issuedAt: null,
        creditedAmount: '0',
        paidAmount: '0',
        amountDue: '0',
        voidedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.saveLines(id, priced);
      const view = await this.get(id);
      await this.audit.record({ action: 'invoicing.invoice.drafted', entityType: 'invoice', entityId: id, before: null, after: this.snapshot(view) });
      await this.events.publish('invoicing.invoice.drafted', { type: 'invoice', id }, invoiceDraftPayload(view));
      return view;
    });
  }

  async get(id: string): Promise<InvoiceDto> {
    return this.view(await this.findOrThrow(id));
  }

  async list(query: ListInvoicesQuery): Promise<Page<InvoiceSummaryDto>> {
    const qb = this.invoices.createQueryBuilder('i');
    const today = todayIn(this.config.COMPANY_TIME_ZONE);
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    if (query.customerId) qb.andWhere('i.customer_id = :customerId', { customerId: query.customerId });
    // Matches the partial index ix_invc_invoices_open_due.
    if (query.overdue === 'true') qb.andWhere(`i.status IN ('issued', 'partially_paid') AND i.due_date < :today`, { today });
    if (query.overdue === 'false') qb.andWhere(`NOT (i.status IN ('issued', 'partially_paid') AND i.due_date < :today)`, { today });
    return paginate(qb, { sort: query.sort ?? '-createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'i.id', map: summary(today) });
  }

  /** Drafts only; `lines` and `allowancesCharges`, when sent, replace the previous ones. Totals are always recomputed. */
  async update(id: string, input: UpdateInvoiceDto, expectedVersion: number | undefined): Promise<InvoiceDto> {
    return this.db.withTransaction(async () => {
      const inv = await this.findOrThrow(id, true);
      assertVersion('invoice', expectedVersion, inv.version);
      INVOICE_TRANSITIONS.next(inv.status, 'edit');
      const before = this.snapshot(await this.view(inv));
      let customerId = inv.customerId;
      let currency = input.currency ?? inv.currency;
      if (input.customerId !== undefined && input.customerId !== inv.customerId) {
        const customer = await this.db.findById(Customer, input.customerId);
        if (!customer) throw invalidReference('customerId', `Customer ${input.customerId} does not exist.`);
        customerId = customer.id;
        if (input.currency === undefined) currency = customer.currency;
      }
      const current = { lines: await this.linesAsInput(id), allowancesCharges: await this.allowancesChargesAsInput(id) };
      const content: DraftContent = {
        customerId,
        currency,
        prepaidAmount: input.prepaidAmount ?? inv.prepaidAmount,
        lines: input.lines ?? current.lines,
        allowancesCharges: input.allowancesCharges ?? current.allowancesCharges,
      };
      const priced = await this.price(content);
      // what the draft would hold, compared as stored (a line naming a product takes its price unless given)
      const header = { customerId: inv.customerId, currency: inv.currency, prepaidAmount: inv.prepaidAmount, dueDate: inv.dueDate, buyerReference: inv.buyerReference, orderReference: inv.orderReference, note: inv.note };
      const was = { ...header, ...current };
      const proposed = { ...withPatch(header, input, ['dueDate', 'buyerReference', 'orderReference', 'note']), customerId, currency, prepaidAmount: content.prepaidAmount, lines: priced.lines.map(lineAsInput), allowancesCharges: priced.allowancesCharges.map(allowanceChargeAsInput) };
      if (!changedKeys(was, proposed, { decimals: ['prepaidAmount', 'lines', 'allowancesCharges'] }).length) return this.get(id);
      await this.lines.delete({ invoiceId: id });
      await this.allowancesCharges.delete({ invoiceId: id });
      await this.saveLines(id, priced);
      await this.invoices.update({ id }, {
        customerId,
        currency,
        ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
        ...(input.buyerReference !== undefined ? { buyerReference: input.buyerReference } : {}),
        ...(input.orderReference !== undefined ? { orderReference: input.orderReference } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...priced.totals,
        version: inv.version + 1,
        updatedAt: new Date(),
      });
      const view = await this.get(id);
      const after = this.snapshot(view);
      await this.audit.record({ action: 'invoicing.invoice.updated', entityType: 'invoice', entityId: id, before, after });
      await this.events.publish('invoicing.invoice.updated', { type: 'invoice', id }, invoiceDraftPayload(view, changedFields(INVOICE_DRAFT_FIELDS, before, after, { decimals: ['lines', 'allowancesCharges', 'payableAmount'] })));
      return view;
    });
  }

  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const inv = await this.findOrThrow(id, true);
      assertVersion('invoice', expectedVersion, inv.version);
      INVOICE_TRANSITIONS.next(inv.status, 'delete');
      const view = await this.view(inv);
      const before = this.snapshot(view);
      await this.invoices.delete({ id });
      await this.audit.record({ action: 'invoicing.invoice.deleted', entityType: 'invoice', entityId: id, before, after: null });
      await this.events.publish('invoicing.invoice.deleted', { type: 'invoice', id }, invoiceDraftPayload(view));
    });
  }

  /**
   * Issues a draft in one transaction: takes the next number of the series (gapless: the counter
   * row is updated in this transaction), sets issue and due dates, freezes customer and seller
   * details, and issues stocked lines through the inventory module. Any refusal (409
   * `insufficient_stock`, ...) rolls back everything, the number included.
   */
  async issue(id: string, expectedVersion: number | undefined): Promise<InvoiceDto> {
    return this.db.withTransaction(async () => {
      const inv = await this.findOrThrow(id, true);
      assertVersion('invoice', expectedVersion, inv.version);
      const status = INVOICE_TRANSITIONS.next(inv.status, 'issue');
      const lines = await this.lines.find({ where: { invoiceId: id }, order: { lineNo: 'ASC' } });
      if (!lines.length) throw new InvoicingException(InvoicingErrorCode.NoLines, 'An invoice needs at least one line to be issued (EN 16931 BR-16).', {}, 'lines');
      const seller = await this.sellerProfiles.findCurrent();
      if (!seller) throw new InvoicingException(InvoicingErrorCode.SellerProfileMissing, 'Record the seller profile (POST /invoicing/seller-profiles) before issuing invoices.');
      // The customer row is locked when it has a credit limit, so two issues cannot both pass the check.
      let customer = await this.db.findById(Customer, inv.customerId);
      if (customer?.creditLimit !== null && customer?.creditLimit !== undefined) customer = await this.db.findById(Customer, inv.customerId, { lock: true });
      if (!customer) throw new NotFoundProblem('Customer', inv.customerId);
      await this.checkCreditLimit(customer, inv);
      const issueDate = todayIn(this.config.COMPANY_TIME_ZONE);
      const dueDate = inv.dueDate ?? addDays(issueDate, customer.paymentTermsDays);
      if (dueDate < issueDate) {
        throw new InvoicingException(InvoicingErrorCode.DueDateBeforeIssueDate, `The due date ${dueDate} is before the issue date ${issueDate}; change it on the draft first.`, { dueDate, issueDate }, 'dueDate');
      }
      const number = await this.series.takeNumber(inv.seriesId, issueDate);
      for (const line of lines) {
        if (line.inventoryItemId && line.stockLocationId) {
          await this.inventory.issueStock({ itemId: line.inventoryItemId, locationId: line.stockLocationId, quantity: new Decimal(line.quantity).toFixed(3), referenceId: id });
        }
      }
      faultPoint('invoicing.issue.mid');
      const now = new Date();
      await this.invoices.update({ id }, {
        status,
        number,
        amountDue: Decimal.max(inv.payableAmount, 0).toFixed(4),
        issueDate,
        dueDate,
        customerSnapshot: toCustomerDto(customer) as never,
        sellerSnapshot: toSellerProfileDto(seller) as never,
        issuedAt: now,
        version: inv.version + 1,
        updatedAt: now,
      });
      await this.audit.record({ action: 'invoicing.invoice.issued', entityType: 'invoice', entityId: id, before: { status: inv.status, number: null }, after: { status, number, issueDate, dueDate, sellerProfileVersion: seller.versionNo } });
      await this.events.publish('invoicing.invoice.issued', { type: 'invoice', id }, {
        invoiceId: id,
        number,
        seriesId: inv.seriesId,
        customerId: inv.customerId,
        currency: inv.currency,
        issueDate,
        dueDate,
        taxExclusiveAmount: money(inv.taxExclusiveAmount, inv.currency),
        taxTotal: money(inv.taxTotal, inv.currency),
        payableAmount: money(inv.payableAmount, inv.currency),
      });
      return this.get(id);
    });
  }

  /**
   * 409 `credit_limit_exceeded` when the customer's open receivables (amount due of issued and
   * partially paid invoices in the customer's currency) plus this invoice exceed the credit limit.
   * Invoices in another currency than the customer's are not checked.
   */
  private async checkCreditLimit(customer: Customer, inv: Invoice): Promise<void> {
    if (customer.creditLimit === null || inv.currency !== customer.currency) return;
    const [row]: Array<{ open: string }> = await this.db.manager.query(
      `SELECT coalesce(sum(amount_due), 0) AS open FROM invc_invoices
       WHERE customer_id = $1 AND currency = $2 AND status IN ('issued', 'partially_paid')`,
      [customer.id, customer.currency],
    );
    const open = new Decimal(row.open);
    const amount = Decimal.max(inv.payableAmount, 0);
    const limit = new Decimal(customer.creditLimit);
    if (open.plus(amount).gt(limit)) {
      const m = (d: Decimal) => money(d.toFixed(), inv.currency);
      throw new InvoicingException(
        InvoicingErrorCode.CreditLimitExceeded,
        `Open receivables ${m(open)} ${inv.currency} plus this invoice ${m(amount)} exceed the credit limit ${m(limit)} of ${customer.legalName}.`,
        { creditLimit: m(limit), openReceivables: m(open), invoiceAmount: m(amount), exceededBy: m(open.plus(amount).minus(limit)), currency: inv.currency },
      );
    }
  }

  /**
   * Voids an issued or partially paid invoice by issuing a credit note for everything not yet
   * credited (optionally returning stock); payments already allocated become customer credit.
   */
  async void(id: string, input: VoidInvoiceDto, expectedVersion: number | undefined): Promise<InvoiceDto> {
    return this.db.withTransaction(async () => {
      const inv = await this.findOrThrow(id, true);
      assertVersion('invoice', expectedVersion, inv.version);
      INVOICE_TRANSITIONS.next(inv.status, 'void');
      await this.creditNotes.createForInvoice(inv, { seriesId: input.creditNoteSeriesId, reason: input.reason, returnStock: input.returnStock ?? false });
      return this.get(id);
    });
  }

  /** Resolves products and tax categories of the draft content and computes the totals. */
  private async price(content: DraftContent) {
    const productIds = [...new Set(content.lines.map((l) => l.productId).filter((p): p is string => Boolean(p)))];
    const products = new Map((productIds.length ? await this.db.getRepository(Product).findBy({ id: In(productIds) }) : []).map((p) => [p.id, p]));
    const resolved = content.lines.map((l, n) => {
      const field = `lines[${n}]`;
      const product = l.productId ? products.get(l.productId) : undefined;
      if (l.productId && !product) throw invalidReference(`${field}.productId`, `Product ${l.productId} does not exist.`);
      if (product && !product.active) throw new InvoicingException(InvoicingErrorCode.ProductInactive, `Product ${product.code} is inactive.`, { productId: product.id }, `${field}.productId`);
      const description = l.description ?? product?.name;
      const unitPrice = l.unitPrice ?? product?.unitPrice;
      const taxCategoryId = l.taxCategoryId ?? product?.taxCategoryId;
      const missing = [!description && 'description', !unitPrice && 'unitPrice', !taxCategoryId && 'taxCategoryId'].filter((f): f is string => Boolean(f));
      if (missing.length) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `A line without a product needs ${missing.join(', ')}.`, {}, missing.map((f) => ({ field: `${field}.${f}`, message: `${f} is required on a line without a product` })));
      }
      if (product?.inventoryItemId && new Decimal(l.quantity).decimalPlaces() > 3) {
        throw new InvoicingException(InvoicingErrorCode.StockQuantityScale, `Product ${product.code} is issued from stock, which counts in at most 3 decimals.`, { productId: product.id }, `${field}.quantity`);
      }
      return {
        productId: product?.id ?? null,
        description: description!,
        quantity: l.quantity,
        unitCode: l.unitCode ?? product?.unitCode ?? 'C62',
        unitPrice: unitPrice!,
        allowance: l.allowance ?? '0',
        taxCategoryId: taxCategoryId!,
        inventoryItemId: product?.inventoryItemId ?? null,
        stockLocationId: product?.stockLocationId ?? null,
      };
    });
    const categoryIds = [...new Set([...resolved.map((l) => l.taxCategoryId), ...content.allowancesCharges.map((a) => a.taxCategoryId)])];
    const categories = new Map((categoryIds.length ? await this.db.getRepository(TaxCategory).findBy({ id: In(categoryIds) }) : []).map((c) => [c.id, c]));
    const today = todayIn(this.config.COMPANY_TIME_ZONE);
    const category = (id: string, field: string) => {
      const c = categories.get(id);
      if (!c) throw invalidReference(field, `Tax category ${id} does not exist.`);
      if (c.validFrom > today) throw new InvoicingException(InvoicingErrorCode.TaxCategoryNotValid, `Tax category ${c.code} ${c.rate}% applies from ${c.validFrom}.`, { taxCategoryId: id, validFrom: c.validFrom }, field);
      return c;
    };
    const lineCategories = resolved.map((l, n) => category(l.taxCategoryId, `lines[${n}].taxCategoryId`));
    const acCategories = content.allowancesCharges.map((a, n) => category(a.taxCategoryId, `allowancesCharges[${n}].taxCategoryId`));
    const reason = (c: TaxCategory) => c.exemptionReason ?? c.exemptionReasonCode;
    const totals = calculateTotals({
      currency: content.currency,
      lines: resolved.map((l, n) => ({ quantity: l.quantity, unitPrice: l.unitPrice, allowance: l.allowance, taxCategory: lineCategories[n].code, taxRate: lineCategories[n].rate, exemptionReason: reason(lineCategories[n]) })),
      allowancesCharges: content.allowancesCharges.map((a, n) => ({ chargeIndicator: a.chargeIndicator, amount: a.amount, reason: a.reason, taxCategory: acCategories[n].code, taxRate: acCategories[n].rate, exemptionReason: reason(acCategories[n]) })),
      prepaidAmount: content.prepaidAmount,
    });
    return {
      lines: resolved.map((l, n) => ({ ...l, netAmount: totals.lines[n].netAmount })),
      allowancesCharges: content.allowancesCharges,
      totals: {
        lineTotal: totals.lineTotal,
        allowanceTotal: totals.allowanceTotal,
        chargeTotal: totals.chargeTotal,
        taxExclusiveAmount: totals.taxExclusiveAmount,
        taxTotal: totals.taxTotal,
        taxInclusiveAmount: totals.taxInclusiveAmount,
        prepaidAmount: totals.prepaidAmount,
        payableAmount: totals.payableAmount,
        taxBreakdown: totals.taxBreakdown,
      },
    };
  }

  private async saveLines(invoiceId: string, priced: Awaited<ReturnType<InvoicesService['price']>>): Promise<void> {
    if (priced.lines.length) await this.lines.insert(priced.lines.map((l, i) => ({ id: newId(), invoiceId, lineNo: i + 1, ...l })));
    if (priced.allowancesCharges.length) {
      await this.allowancesCharges.insert(priced.allowancesCharges.map((a, i) => ({ id: newId(), invoiceId, seq: i + 1, chargeIndicator: a.chargeIndicator, amount: a.amount, reason: a.reason, taxCategoryId: a.taxCategoryId })));
    }
  }

  /** Saved lines as they would be sent again (prices fixed, so a product price change does not touch a draft). */
  private async linesAsInput(invoiceId: string): Promise<DraftContent['lines']> {
    const lines = await this.lines.find({ where: { invoiceId }, order: { lineNo: 'ASC' } });
    return lines.map(lineAsInput);
  }

  private async allowancesChargesAsInput(invoiceId: string): Promise<DraftContent['allowancesCharges']> {
    const rows = await this.allowancesCharges.find({ where: { invoiceId }, order: { seq: 'ASC' } });
    return rows.map(allowanceChargeAsInput);
  }

  private snapshot(v: InvoiceDto): Record<string, unknown> {
    return {
      status: v.status,
      number: v.number,
      customerId: v.customerId,
      currency: v.currency,
      dueDate: v.dueDate,
      buyerReference: v.buyerReference,
      orderReference: v.orderReference,
      note: v.note,
      lines: v.lines.map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitCode: l.unitCode, unitPrice: l.unitPrice, allowance: l.allowance, taxCategoryId: l.taxCategoryId })),
      allowancesCharges: v.allowancesCharges.map((a) => ({ chargeIndicator: a.chargeIndicator, amount: a.amount, reason: a.reason, taxCategoryId: a.taxCategoryId })),
      payableAmount: v.totals.payableAmount,
    };
  }

  private async view(i: Invoice): Promise<InvoiceDto> {
    const [lines, acs] = await Promise.all([
      this.lines.find({ where: { invoiceId: i.id }, order: { lineNo: 'ASC' } }),
      this.allowancesCharges.find({ where: { invoiceId: i.id }, order: { seq: 'ASC' } }),
    ]);
    const categoryIds = [...new Set([...lines.map((l) => l.taxCategoryId), ...acs.map((a) => a.taxCategoryId)])];
    const categories = new Map((categoryIds.length ? await this.db.getRepository(TaxCategory).findBy({ id: In(categoryIds) }) : []).map((c) => [c.id, c]));
    const m = (amount: string) => money(amount, i.currency);
    const rate = (id: string) => new Decimal(categories.get(id)!.rate).toFixed(2);
    return {
      id: i.id,
      number: i.number,
      status: i.status,
      seriesId: i.seriesId,
      customerId: i.customerId,
      currency: i.currency,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      buyerReference: i.buyerReference,
      orderReference: i.orderReference,
      note: i.note,
      lines: lines.map((l) => ({
        id: l.id,
        lineNo: l.lineNo,
        productId: l.productId,
        description: l.description,
        quantity: new Decimal(l.quantity).toFixed(4),
        unitCode: l.unitCode,
        unitPrice: new Decimal(l.unitPrice).toFixed(4),
        allowance: new Decimal(l.allowance).toFixed(4),
        taxCategoryId: l.taxCategoryId,
        taxCategory: categories.get(l.taxCategoryId)!.code,
        taxRate: rate(l.taxCategoryId),
        netAmount: m(l.netAmount),
        inventoryItemId: l.inventoryItemId,
        stockLocationId: l.stockLocationId,
      })),
      allowancesCharges: acs.map((a) => ({
        seq: a.seq,
        chargeIndicator: a.chargeIndicator,
        amount: new Decimal(a.amount).toFixed(4),
        reason: a.reason,
        taxCategoryId: a.taxCategoryId,
        taxCategory: categories.get(a.taxCategoryId)!.code,
        taxRate: rate(a.taxCategoryId),
      })),
      taxBreakdown: i.taxBreakdown,
      totals: {
        lineTotal: m(i.lineTotal),
        allowanceTotal: m(i.allowanceTotal),
        chargeTotal: m(i.chargeTotal),
        taxExclusiveAmount: m(i.taxExclusiveAmount),
        taxTotal: m(i.taxTotal),
        taxInclusiveAmount: m(i.taxInclusiveAmount),
        prepaidAmount: m(i.prepaidAmount),
        payableAmount: m(i.payableAmount),
      },
      // Snapshots frozen before electronic addresses existed have none.
      customer: i.customerSnapshot ? ({ electronicAddress: null, ...i.customerSnapshot } as InvoiceDto['customer']) : null,
      seller: i.sellerSnapshot ? ({ electronicAddress: null, ...i.sellerSnapshot } as InvoiceDto['seller']) : null,
      settlement: {
        creditedAmount: m(i.creditedAmount),
        paidAmount: m(i.paidAmount),
        amountDue: m(i.amountDue),
      },
      overdue: isOverdue(i, todayIn(this.config.COMPANY_TIME_ZONE)),
      allowedActions: INVOICE_TRANSITIONS.allowedActions(i.status).filter((a) => ['edit', 'delete', 'issue', 'void'].includes(a)),
      issuedAt: i.issuedAt ? i.issuedAt.toISOString() : null,
      voidedAt: i.voidedAt ? i.voidedAt.toISOString() : null,
      version: i.version,
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
    };
  }

  async findOrThrow(id: string, lock = false): Promise<Invoice> {
    const inv = await this.db.findById(Invoice, id, { lock });
    if (!inv) throw new NotFoundProblem('Invoice', id);
    return inv;
  }
}
