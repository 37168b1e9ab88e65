import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { todayIn } from '../../../platform/time/calendar';
import { InventoryFacade } from '../../inventory';
import { Customer } from '../customers/customer.entity';
import { toCustomerDto } from '../customers/customers.service';
import { InvoicingErrorCode, InvoicingException } from '../invoicing.errors';
import { INVOICE_TRANSITIONS, InvoiceSettlement } from '../invoices/invoice-settlement';
import { Invoice, InvoiceAllowanceCharge, InvoiceLine } from '../invoices/invoice.entity';
import { calculateTotals, currencyMinorUnit } from '../invoices/totals.calculator';
import { SellerProfileService, toSellerProfileDto } from '../seller-profile/seller-profile.service';
import { SeriesService } from '../series/series.service';
import { TaxCategory } from '../tax-categories/tax-category.entity';
import { CreditNote, CreditNoteLine } from './credit-note.entity';
import { CreateCreditNoteDto, CreditNoteDto, CreditNoteSummaryDto, ListCreditNotesQuery } from './dto/credit-note.dto';

const SORTS: Record<string, SortField> = {
  createdAt: { column: 'cn.created_at', type: 'timestamp', value: (c: CreditNote) => c.createdAt.toISOString() },
};

/** Rounding of a line allowance share: half-up to 4 decimals (the stored scale), before the line net is rounded. */
const ALLOWANCE_SHARE_ROUNDING = Decimal.ROUND_HALF_UP;

const money = (amount: string, currency: string) => new Decimal(amount).toFixed(currencyMinorUnit(currency));

@Injectable()
export class CreditNotesService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly series: SeriesService,
    private readonly sellerProfiles: SellerProfileService,
    private readonly settlement: InvoiceSettlement,
    private readonly inventory: InventoryFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(invoiceId: string, input: CreateCreditNoteDto): Promise<CreditNoteDto> {
    return this.db.withTransaction(async () => {
      const inv = await this.db.findById(Invoice, invoiceId, { lock: true });
      if (!inv) throw new NotFoundProblem('Invoice', invoiceId);
      const id = await this.createForInvoice(inv, input);
      return this.get(id);
    });
  }

  /**
   * Issues a credit note against the locked invoice, inside the caller's transaction: own series
   * and gapless number, lines and quantities checked against what is left uncredited, optional
   * stock return, and the invoice's amount due and state updated. Returns the credit note id.
   */
  async createForInvoice(inv: Invoice, input: CreateCreditNoteDto): Promise<string> {
    INVOICE_TRANSITIONS.next(inv.status, 'credit');
    const invoiceLines = await this.db.getRepository(InvoiceLine).find({ where: { invoiceId: inv.id }, order: { lineNo: 'ASC' } });
    const credited: Array<{ invoice_line_id: string; quantity: string; allowance: string }> = await this.db.manager.query(
      `SELECT l.invoice_line_id, sum(l.quantity) AS quantity, sum(l.allowance) AS allowance
       FROM invc_credit_note_lines l JOIN invc_credit_notes n ON n.id = l.credit_note_id
       WHERE n.invoice_id = $1 GROUP BY l.invoice_line_id`,
      [inv.id],
    );
    const already = new Map(credited.map((c) => [c.invoice_line_id, { quantity: new Decimal(c.quantity), allowance: new Decimal(c.allowance) }]));
    const remaining = new Map(invoiceLines.map((l) => [l.id, new Decimal(l.quantity).minus(already.get(l.id)?.quantity ?? 0)]));
    const requested = input.lines
      ? input.lines.map((r, n) => {
          const field = `lines[${n}]`;
          const line = invoiceLines.find((l) => l.id === r.invoiceLineId);
          if (!line) throw new PlatformException(PlatformErrorCode.InvalidReference, `Line ${r.invoiceLineId} is not a line of invoice ${inv.number}.`, { field: `${field}.invoiceLineId` }, [{ field: `${field}.invoiceLineId`, message: 'is not a line of this invoice' }]);
          if (input.lines!.findIndex((o) => o.invoiceLineId === r.invoiceLineId) !== n) {
            throw new PlatformException(PlatformErrorCode.ValidationFailed, `Line ${r.invoiceLineId} is listed twice.`, {}, [{ field: `${field}.invoiceLineId`, message: 'is listed twice' }]);
          }
          const left = remaining.get(line.id)!;
          const quantity = new Decimal(r.quantity);
          if (quantity.gt(left)) {
            throw new InvoicingException(InvoicingErrorCode.CreditExceedsInvoice, `Line ${line.lineNo} has ${left.toFixed()} ${line.unitCode} left to credit; ${quantity.toFixed()} requested.`, { invoiceLineId: line.id, remaining: left.toFixed(4), requested: quantity.toFixed(4) }, `${field}.quantity`);
          }
          return { line, quantity };
        })
      : invoiceLines.filter((l) => remaining.get(l.id)!.gt(0)).map((line) => ({ line, quantity: remaining.get(line.id)! }));
    if (!requested.length) throw new InvoicingException(InvoicingErrorCode.CreditExceedsInvoice, `Invoice ${inv.number} is already credited in full.`, {}, 'lines');
    for (const r of requested) {
      if (r.line.inventoryItemId && input.returnStock && r.quantity.decimalPlaces() > 3) {
        throw new InvoicingException(InvoicingErrorCode.StockQuantityScale, 'Stock is returned in at most 3 decimals.', {}, 'lines');
      }
    }
    const fullyCredited = invoiceLines.every((l) => {
      const r = requested.find((x) => x.line.id === l.id);
      return remaining.get(l.id)!.minus(r?.quantity ?? 0).isZero();
    });
    // The note that completes the credit carries the document-level allowances and charges too.
    const acs = fullyCredited ? await this.db.getRepository(InvoiceAllowanceCharge).find({ where: { invoiceId: inv.id }, order: { seq: 'ASC' } }) : [];
    const categoryIds = [...new Set([...requested.map((r) => r.line.taxCategoryId), ...acs.map((a) => a.taxCategoryId)])];
    const categories = new Map((await this.db.getRepository(TaxCategory).findBy({ id: In(categoryIds) })).map((c) => [c.id, c]));
    const reason = (c: TaxCategory) => c.exemptionReason ?? c.exemptionReasonCode;
    const lines = requested.map(({ line, quantity }) => {
      const left = remaining.get(line.id)!;
      // Allowance share in proportion to the quantity; the last share takes what is left, so shares add up.
      const allowance = quantity.eq(left)
        ? new Decimal(line.allowance).minus(already.get(line.id)?.allowance ?? 0)
        : new Decimal(line.allowance).times(quantity).dividedBy(line.quantity).toDecimalPlaces(4, ALLOWANCE_SHARE_ROUNDING);
      return { line, quantity, allowance, category: categories.get(line.taxCategoryId)! };
    });
    const totals = calculateTotals({
      currency: inv.currency,
      lines: lines.map((l) => ({ quantity: l.quantity.toFixed(), unitPrice: l.line.unitPrice, allowance: l.allowance.toFixed(), taxCategory: l.category.code, taxRate: l.category.rate, exemptionReason: reason(l.category) })),
      allowancesCharges: acs.map((a) => {
        const c = categories.get(a.taxCategoryId)!;
        return { chargeIndicator: a.chargeIndicator, amount: a.amount, reason: a.reason, taxCategory: c.code, taxRate: c.rate, exemptionReason: reason(c) };
      }),
    });
    const seller = await this.sellerProfiles.findCurrent();
    if (!seller) throw new InvoicingException(InvoicingErrorCode.SellerProfileMissing, 'Record the seller profile before issuing credit notes.');
    const customer = await this.db.findById(Customer, inv.customerId);
    if (!customer) throw new NotFoundProblem('Customer', inv.customerId);
    const issueDate = todayIn(this.config.COMPANY_TIME_ZONE);
    const number = await this.series.takeNumber(input.seriesId, issueDate, 'credit_note');
    const id = newId();
    const note: CreditNote = {
      id,
      invoiceId: inv.id,
      seriesId: input.seriesId,
      number,
      customerId: inv.customerId,
      currency: inv.currency,
      issueDate,
      reason: input.reason,
      lineTotal: totals.lineTotal,
      allowanceTotal: totals.allowanceTotal,
      chargeTotal: totals.chargeTotal,
      taxExclusiveAmount: totals.taxExclusiveAmount,
      taxTotal: totals.taxTotal,
      taxInclusiveAmount: totals.taxInclusiveAmount,
      taxBreakdown: totals.taxBreakdown,
      customerSnapshot: toCustomerDto(customer) as never,
      sellerSnapshot: toSellerProfileDto(seller) as never,
      stockReturned: Boolean(input.returnStock) && lines.some((l) => l.line.inventoryItemId),
      createdAt: new Date(),
    };
    await this.db.getRepository(CreditNote).insert(note as never);
    await this.db.getRepository(CreditNoteLine).insert(lines.map((l, n) => ({
      id: newId(),
      creditNoteId: id,
      lineNo: n + 1,
      invoiceLineId: l.line.id,
      description: l.line.description,
      quantity: l.quantity.toFixed(4),
      unitCode: l.line.unitCode,
      unitPrice: l.line.unitPrice,
      allowance: l.allowance.toFixed(4),
      taxCategoryId: l.line.taxCategoryId,
      netAmount: totals.lines[n].netAmount,
    })));
    if (input.returnStock) {
      for (const l of lines) {
        if (l.line.inventoryItemId && l.line.stockLocationId) {
          await this.inventory.returnStock({ itemId: l.line.inventoryItemId, locationId: l.line.stockLocationId, quantity: l.quantity.toFixed(3), referenceId: id });
        }
      }
    }
    await this.settlement.applyCredit(inv, new Decimal(totals.taxInclusiveAmount), fullyCredited, id);
    await this.audit.record({ action: 'invoicing.credit_note.issued', entityType: 'credit_note', entityId: id, before: null, after: { number, invoiceId: inv.id, reason: input.reason, lines: lines.map((l) => ({ invoiceLineId: l.line.id, quantity: l.quantity.toFixed(4) })), taxInclusiveAmount: totals.taxInclusiveAmount, stockReturned: note.stockReturned } });
    await this.events.publish('invoicing.credit_note.issued', { type: 'credit_note', id }, {
      creditNoteId: id,
      number,
      invoiceId: inv.id,
      invoiceNumber: inv.number!,
      customerId: inv.customerId,
      currency: inv.currency,
      issueDate,
      taxExclusiveAmount: totals.taxExclusiveAmount,
      taxTotal: totals.taxTotal,
      taxInclusiveAmount: totals.taxInclusiveAmount,
      stockReturned: note.stockReturned,
    });
    return id;
  }

  async get(id: string): Promise<CreditNoteDto> {
    const note = await this.db.findById(CreditNote, id);
    if (!note) throw new NotFoundProblem('Credit note', id);
    const [lines, invoice] = await Promise.all([
      this.db.getRepository(CreditNoteLine).find({ where: { creditNoteId: id }, order: { lineNo: 'ASC' } }),
      this.db.findById(Invoice, note.invoiceId),
    ]);
    const categories = new Map((lines.length ? await this.db.getRepository(TaxCategory).findBy({ id: In([...new Set(lines.map((l) => l.taxCategoryId))]) }) : []).map((c) => [c.id, c]));
    const m = (a: string) => money(a, note.currency);
    return {
      id: note.id,
      number: note.number,
      invoiceId: note.invoiceId,
      invoiceNumber: invoice!.number!,
      seriesId: note.seriesId,
      customerId: note.customerId,
      currency: note.currency,
      issueDate: note.issueDate,
      reason: note.reason,
      lines: lines.map((l) => ({
        lineNo: l.lineNo,
        invoiceLineId: l.invoiceLineId,
        description: l.description,
        quantity: new Decimal(l.quantity).toFixed(4),
        unitCode: l.unitCode,
        unitPrice: new Decimal(l.unitPrice).toFixed(4),
        allowance: new Decimal(l.allowance).toFixed(4),
        taxCategory: categories.get(l.taxCategoryId)!.code,
        taxRate: new Decimal(categories.get(l.taxCategoryId)!.rate).toFixed(2),
        netAmount: m(l.netAmount),
      })),
      taxBreakdown: note.taxBreakdown,
      totals: {
        lineTotal: m(note.lineTotal),
        allowanceTotal: m(note.allowanceTotal),
        chargeTotal: m(note.chargeTotal),
        taxExclusiveAmount: m(note.taxExclusiveAmount),
        taxTotal: m(note.taxTotal),
        taxInclusiveAmount: m(note.taxInclusiveAmount),
        prepaidAmount: m('0'),
        payableAmount: m(note.taxInclusiveAmount),
      },
      // Snapshots frozen before electronic addresses existed have none.
      customer: { electronicAddress: null, ...note.customerSnapshot } as unknown as CreditNoteDto['customer'],
      seller: { electronicAddress: null, ...note.sellerSnapshot } as unknown as CreditNoteDto['seller'],
      stockReturned: note.stockReturned,
      createdAt: note.createdAt.toISOString(),
    };
  }

  async list(query: ListCreditNotesQuery): Promise<Page<CreditNoteSummaryDto>> {
    const qb = this.db.getRepository(CreditNote).createQueryBuilder('cn');
    if (query.invoiceId) qb.andWhere('cn.invoice_id = :invoiceId', { invoiceId: query.invoiceId });
    return paginate(qb, {
      sort: query.sort ?? '-createdAt',
      fields: SORTS,
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 'cn.id',
      map: (n: CreditNote) => ({ id: n.id, number: n.number, invoiceId: n.invoiceId, customerId: n.customerId, currency: n.currency, issueDate: n.issueDate, reason: n.reason, taxInclusiveAmount: money(n.taxInclusiveAmount, n.currency), createdAt: n.createdAt.toISOString() }),
    });
  }
}
