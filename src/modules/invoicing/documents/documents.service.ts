import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { In } from 'typeorm';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import type { Address } from '../address.dto';
import { CreditNotesService } from '../credit-notes/credit-notes.service';
import { CustomerDto } from '../customers/dto/customer.dto';
import { InvoicingErrorCode, InvoicingException } from '../invoicing.errors';
import { InvoiceAllowanceCharge } from '../invoices/invoice.entity';
import { InvoicesService } from '../invoices/invoices.service';
import { TaxBreakdownEntry } from '../invoices/totals.calculator';
import { SellerProfileDto } from '../seller-profile/dto/seller-profile.dto';
import { TaxCategory } from '../tax-categories/tax-category.entity';
import { BusinessDocument } from './business-document';
import { renderPdf } from './pdf';
import { checkUbl, type Violation } from './en16931-check';
import { renderUbl, ublProblems } from './ubl';

export interface RenderedDocument {
  number: string;
  body: Buffer | string;
}

/** Issued invoices and credit notes as PDF and UBL 2.1, from their frozen snapshots. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly invoices: InvoicesService,
    private readonly creditNotes: CreditNotesService,
  ) {}

  async invoicePdf(id: string): Promise<RenderedDocument> {
    const doc = await this.invoiceDocument(id);
    return { number: doc.number, body: await renderPdf(doc) };
  }

  async invoiceUbl(id: string): Promise<RenderedDocument> {
    const doc = await this.invoiceDocument(id);
    return { number: doc.number, body: conformantUbl(doc) };
  }

  async creditNotePdf(id: string): Promise<RenderedDocument> {
    const doc = await this.creditNoteDocument(id);
    return { number: doc.number, body: await renderPdf(doc) };
  }

  async creditNoteUbl(id: string): Promise<RenderedDocument> {
    const doc = await this.creditNoteDocument(id);
    return { number: doc.number, body: conformantUbl(doc) };
  }

  private async invoiceDocument(id: string): Promise<BusinessDocument> {
    const inv = await this.invoices.get(id);
    if (inv.status === 'draft' || !inv.number || !inv.issueDate || !inv.customer || !inv.seller) {
      throw new InvoicingException(InvoicingErrorCode.NotIssued, 'A draft has no number yet: issue it first.', { status: inv.status });
    }
    const categoryIds = [...inv.lines.map((l) => l.taxCategoryId), ...inv.allowancesCharges.map((a) => a.taxCategoryId)];
    return {
      kind: 'invoice',
      number: inv.number,
      issueDate: inv.issueDate,
      dueDate: inv.dueDate,
      currency: inv.currency,
      note: inv.note,
      buyerReference: inv.buyerReference,
      orderReference: inv.orderReference,
      billingReference: null,
      seller: seller(inv.seller),
      buyer: buyer(inv.customer),
      lines: inv.lines.map((l) => ({ id: l.id, description: l.description, quantity: l.quantity, unitCode: l.unitCode, unitPrice: l.unitPrice, allowance: l.allowance, netAmount: l.netAmount, taxCategory: l.taxCategory, taxRate: l.taxRate })),
      allowancesCharges: inv.allowancesCharges.map((a) => ({ chargeIndicator: a.chargeIndicator, amount: a.amount, reason: a.reason, taxCategory: a.taxCategory, taxRate: a.taxRate })),
      taxBreakdown: await this.breakdown(inv.taxBreakdown, categoryIds),
      totals: inv.totals,
      paymentTerms: `Net ${inv.customer.paymentTermsDays} days`,
    };
  }

  private async creditNoteDocument(id: string): Promise<BusinessDocument> {
    const cn = await this.creditNotes.get(id);
    const inv = await this.invoices.get(cn.invoiceId);
    const withDocumentLevel = !new Decimal(cn.totals.allowanceTotal).isZero() || !new Decimal(cn.totals.chargeTotal).isZero();
    // Only the credit note completing the credit carries the invoice's document-level allowances and charges.
    const acs = withDocumentLevel ? await this.db.getRepository(InvoiceAllowanceCharge).find({ where: { invoiceId: inv.id }, order: { seq: 'ASC' } }) : [];
    const lineCategories = new Map(inv.lines.map((l) => [l.id, l.taxCategoryId]));
    const acDtos = inv.allowancesCharges.filter((a) => acs.some((r) => r.seq === a.seq));
    return {
      kind: 'credit_note',
      number: cn.number,
      issueDate: cn.issueDate,
      dueDate: null,
      currency: cn.currency,
      note: cn.reason,
      buyerReference: inv.buyerReference,
      orderReference: inv.orderReference,
      billingReference: { number: cn.invoiceNumber, issueDate: inv.issueDate! },
      seller: seller(cn.seller),
      buyer: buyer(cn.customer),
      lines: cn.lines.map((l) => ({ id: l.invoiceLineId, description: l.description, quantity: l.quantity, unitCode: l.unitCode, unitPrice: l.unitPrice, allowance: l.allowance, netAmount: l.netAmount, taxCategory: l.taxCategory, taxRate: l.taxRate })),
      allowancesCharges: acDtos.map((a) => ({ chargeIndicator: a.chargeIndicator, amount: a.amount, reason: a.reason, taxCategory: a.taxCategory, taxRate: a.taxRate })),
      taxBreakdown: await this.breakdown(cn.taxBreakdown, [...cn.lines.map((l) => lineCategories.get(l.invoiceLineId)!), ...acDtos.map((a) => a.taxCategoryId)]),
      totals: cn.totals,
      paymentTerms: null,
    };
  }

  /** Adds the exemption reason code (VATEX) of the category behind each breakdown entry. */
  private async breakdown(entries: TaxBreakdownEntry[], categoryIds: string[]): Promise<BusinessDocument['taxBreakdown']> {
    const ids = [...new Set(categoryIds)];
    const categories = ids.length ? await this.db.getRepository(TaxCategory).findBy({ id: In(ids) }) : [];
    return entries.map((e) => {
      const c = categories.find((x) => x.code === e.taxCategory && Number(x.rate) === Number(e.taxRate));
      return { ...e, exemptionReason: c?.exemptionReason ?? e.exemptionReason, exemptionReasonCode: c?.exemptionReasonCode ?? null };
    });
  }
}

/**
 * The UBL file, or 409 `einvoice_not_conformant` listing each rule the data cannot meet (`errors`:
 * the field to fix and the rule id). The rendered XML goes through the EN 16931 / Peppol checker as
 * well, so a file that fails a checked rule is never served.
 */
function conformantUbl(doc: BusinessDocument): string {
  const refuse = (violations: Violation[]) => {
    const rules = [...new Set(violations.map((v) => v.rule))];
    return new InvoicingException(
      InvoicingErrorCode.EinvoiceNotConformant,
      `${doc.kind === 'invoice' ? 'Invoice' : 'Credit note'} ${doc.number} cannot be expressed as EN 16931 / Peppol BIS Billing 3.0 UBL: ${rules.join(', ')}.`,
      { rules },
      undefined,
      violations.map((v) => ({ field: v.at ?? v.rule, message: `[${v.rule}] ${v.message}` })),
    );
  };
  const problems = ublProblems(doc);
  if (problems.length) throw refuse(problems);
  const xml = renderUbl(doc);
  const violations = checkUbl(xml);
  if (violations.length) throw refuse(violations);
  return xml;
}

// Snapshots frozen before electronic addresses existed have no `electronicAddress` key.
const seller = (s: SellerProfileDto): BusinessDocument['seller'] => ({ legalName: s.legalName, vatId: s.vatId, companyId: s.companyId, address: s.address as Address, email: s.email, electronicAddress: s.electronicAddress ?? null, phone: s.phone, iban: s.iban, bic: s.bic });
const buyer = (c: CustomerDto): BusinessDocument['buyer'] => ({ legalName: c.legalName, tradingName: c.tradingName, vatId: c.vatId, companyId: c.companyId, address: c.billingAddress as Address, email: c.email, electronicAddress: c.electronicAddress ?? null });
