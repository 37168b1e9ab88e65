import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaxBreakdownEntry } from './totals.calculator';

export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'void'] as const;
/** States with money still owed (the overdue filter, aging and credit limit look at these). */
export const OPEN_STATUSES = ['issued', 'partially_paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

@Entity('invc_invoices')
export class Invoice {
  @PrimaryColumn('uuid') id: string;
  @Column('text') status: InvoiceStatus;
  @Column('uuid') seriesId: string;
  @Column('uuid') customerId: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('text', { nullable: true }) number: string | null;
  @Column('date', { nullable: true }) issueDate: string | null;
  @Column('date', { nullable: true }) dueDate: string | null;
  @Column('varchar', { length: 200, nullable: true }) buyerReference: string | null;
  @Column('varchar', { length: 200, nullable: true }) orderReference: string | null;
  @Column('varchar', { length: 2000, nullable: true }) note: string | null;
  @Column('numeric', { precision: 18, scale: 4 }) lineTotal: string;
  @Column('numeric', { precision: 18, scale: 4 }) allowanceTotal: string;
  @Column('numeric', { precision: 18, scale: 4 }) chargeTotal: string;
  @Column('numeric', { precision: 18, scale: 4 }) taxExclusiveAmount: string;
  @Column('numeric', { precision: 18, scale: 4 }) taxTotal: string;
  @Column('numeric', { precision: 18, scale: 4 }) taxInclusiveAmount: string;
  @Column('numeric', { precision: 18, scale: 4 }) prepaidAmount: string;
  @Column('numeric', { precision: 18, scale: 4 }) payableAmount: string;
  @Column('jsonb') taxBreakdown: TaxBreakdownEntry[];
  @Column('jsonb', { nullable: true }) customerSnapshot: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) sellerSnapshot: Record<string, unknown> | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) issuedAt: Date | null;
  @Column('numeric', { precision: 18, scale: 4 }) creditedAmount: string;
  @Column('numeric', { precision: 18, scale: 4 }) paidAmount: string;
  @Column('numeric', { precision: 18, scale: 4 }) amountDue: string;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) voidedAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('invc_invoice_lines')
export class InvoiceLine {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') invoiceId: string;
  @Column('int') lineNo: number;
  @Column('uuid', { nullable: true }) productId: string | null;
  @Column('varchar', { length: 500 }) description: string;
  @Column('numeric', { precision: 16, scale: 4 }) quantity: string;
  @Column('varchar', { length: 3 }) unitCode: string;
  @Column('numeric', { precision: 18, scale: 4 }) unitPrice: string;
  @Column('numeric', { precision: 18, scale: 4 }) allowance: string;
  @Column('uuid') taxCategoryId: string;
  @Column('numeric', { precision: 18, scale: 4 }) netAmount: string;
  @Column('uuid', { nullable: true }) inventoryItemId: string | null;
  @Column('uuid', { nullable: true }) stockLocationId: string | null;
}

@Entity('invc_invoice_allowance_charges')
export class InvoiceAllowanceCharge {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') invoiceId: string;
  @Column('int') seq: number;
  @Column('boolean') chargeIndicator: boolean;
  @Column('numeric', { precision: 18, scale: 4 }) amount: string;
  @Column('varchar', { length: 300 }) reason: string;
  @Column('uuid') taxCategoryId: string;
}
