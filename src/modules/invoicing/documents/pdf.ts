import Decimal from 'decimal.js';
import PDFDocument from 'pdfkit';
import { currencyMinorUnit } from '../invoices/totals.calculator';
import type { BusinessDocument } from './business-document';

const fmtQty = (q: string) => new Decimal(q).toFixed();
const rate = (r: string) => `${new Decimal(r).toFixed()}%`;

/**
 * A one-document PDF (A4, built-in Helvetica): seller and buyer, lines, VAT breakdown, totals and
 * payment details. The creation date is the issue date, so the same document renders the same.
 */
export function renderPdf(doc: BusinessDocument): Promise<Buffer> {
  const title = `${doc.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${doc.number}`;
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: doc.seller.legalName, Producer: 'backoffice-api', Creator: 'backoffice-api', CreationDate: new Date(`${doc.issueDate}T00:00:00Z`) } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const left = 50;
  const width = pdf.page.width - 100;
  const cur = doc.currency;

  pdf.font('Helvetica-Bold').fontSize(18).text(title, left, 50);
  pdf.font('Helvetica').fontSize(9).moveDown(0.5);
  pdf.text(`Issue date: ${doc.issueDate}${doc.dueDate ? `    Due date: ${doc.dueDate}` : ''}    Currency: ${cur}`);
  if (doc.billingReference) pdf.text(`Credits invoice ${doc.billingReference.number} of ${doc.billingReference.issueDate}`);
  if (doc.buyerReference) pdf.text(`Your reference: ${doc.buyerReference}`);
  if (doc.orderReference) pdf.text(`Order: ${doc.orderReference}`);

  const partyTop = pdf.y + 15;
  const block = (heading: string, p: BusinessDocument['seller'] | BusinessDocument['buyer'], at: number) => {
    pdf.font('Helvetica-Bold').fontSize(10).text(heading, at, partyTop, { width: width / 2 - 10 });
    pdf.font('Helvetica').fontSize(9);
    const lines = [p.legalName, p.address.line1, p.address.line2, [p.address.postalCode, p.address.city].filter(Boolean).join(' '), p.address.countryCode, p.vatId && `VAT ID: ${p.vatId}`, p.companyId && `Company ID: ${p.companyId}`, p.email].filter((v): v is string => Boolean(v));
    for (const l of lines) pdf.text(l, at, undefined, { width: width / 2 - 10 });
    return pdf.y;
  };
  const sellerEnd = block('Seller', doc.seller, left);
  const buyerEnd = block('Buyer', doc.buyer, left + width / 2);
  let y = Math.max(sellerEnd, buyerEnd) + 20;

  const cols = [
    { label: '#', w: 25, align: 'left' as const },
    { label: 'Description', w: 185, align: 'left' as const },
    { label: 'Qty', w: 50, align: 'right' as const },
    { label: 'Unit', w: 35, align: 'left' as const },
    { label: 'Price', w: 60, align: 'right' as const },
    { label: 'Discount', w: 50, align: 'right' as const },
    { label: 'VAT', w: 35, align: 'right' as const },
    { label: `Net (${cur})`, w: 55, align: 'right' as const },
  ];
  const row = (values: string[], bold = false) => {
    if (y > pdf.page.height - 120) {
      pdf.addPage();
      y = 50;
    }
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    let x = left;
    let h = 0;
    values.forEach((v, i) => {
      pdf.text(v, x, y, { width: cols[i].w - 4, align: cols[i].align });
      h = Math.max(h, pdf.heightOfString(v, { width: cols[i].w - 4 }));
      x += cols[i].w;
    });
    y += h + 4;
  };
  row(cols.map((c) => c.label), true);
  pdf.moveTo(left, y - 2).lineTo(left + width, y - 2).stroke();
  doc.lines.forEach((l, n) => row([String(n + 1), l.description, fmtQty(l.quantity), l.unitCode, fmtQty(l.unitPrice), new Decimal(l.allowance).isZero() ? '' : fmtQty(l.allowance), `${l.taxCategory} ${rate(l.taxRate)}`, l.netAmount]));
  for (const ac of doc.allowancesCharges) row(['', `${ac.chargeIndicator ? 'Charge' : 'Allowance'}: ${ac.reason}`, '', '', '', '', `${ac.taxCategory} ${rate(ac.taxRate)}`, `${ac.chargeIndicator ? '' : '-'}${new Decimal(ac.amount).toFixed(currencyMinorUnit(cur))}`]);

  y += 10;
  pdf.font('Helvetica-Bold').fontSize(10).text('VAT breakdown', left, y);
  y = pdf.y + 4;
  pdf.font('Helvetica').fontSize(8.5);
  for (const b of doc.taxBreakdown) {
    const reason = b.exemptionReason ? ` (${b.exemptionReason})` : '';
    pdf.text(`${b.taxCategory} ${rate(b.taxRate)}${reason}: taxable ${b.taxableAmount} ${cur}, VAT ${b.taxAmount} ${cur}`, left, y, { width });
    y = pdf.y + 2;
  }

  y += 10;
  const total = (label: string, value: string, bold = false) => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 10 : 9);
    pdf.text(label, left + width - 250, y, { width: 150 });
    pdf.text(`${value} ${cur}`, left + width - 100, y, { width: 100, align: 'right' });
    y = pdf.y + 2;
  };
  total('Sum of lines', doc.totals.lineTotal);
  if (!new Decimal(doc.totals.allowanceTotal).isZero()) total('Allowances', `-${doc.totals.allowanceTotal}`);
  if (!new Decimal(doc.totals.chargeTotal).isZero()) total('Charges', doc.totals.chargeTotal);
  total('Total without VAT', doc.totals.taxExclusiveAmount);
  total('VAT', doc.totals.taxTotal);
  total('Total with VAT', doc.totals.taxInclusiveAmount);
  if (!new Decimal(doc.totals.prepaidAmount).isZero()) total('Paid in advance', `-${doc.totals.prepaidAmount}`);
  total(doc.kind === 'credit_note' ? 'Amount credited' : 'Amount due', doc.totals.payableAmount, true);

  y += 15;
  pdf.font('Helvetica-Bold').fontSize(10).text(doc.kind === 'credit_note' ? 'Credit' : 'Payment details', left, y);
  pdf.font('Helvetica').fontSize(9);
  if (doc.kind === 'invoice') {
    pdf.text(`Please transfer ${doc.totals.payableAmount} ${cur}${doc.dueDate ? ` by ${doc.dueDate}` : ''} to ${doc.seller.legalName}`, left);
    pdf.text(`IBAN: ${doc.seller.iban}${doc.seller.bic ? `    BIC: ${doc.seller.bic}` : ''}    Reference: ${doc.number}`, left);
    if (doc.paymentTerms) pdf.text(`Terms: ${doc.paymentTerms}`, left);
  } else {
    pdf.text(`The amount credited is deducted from what is due on invoice ${doc.billingReference?.number ?? ''}, or held as credit for you.`, left);
  }
  if (doc.note) pdf.moveDown().text(doc.note, left, undefined, { width });
  pdf.end();
  return done;
}
