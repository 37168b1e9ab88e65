import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaxBreakdownEntry } from '../invoices/totals.calculator';

/** Issued at creation and immutable (no version): a credit note is never edited, only followed by another. */
@Entity('invc_credit_notes')
export class CreditNote {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') invoiceId: string;
  @Column('uuid') seriesId: string;
  @Column('text') number: string;
  @Column('uuid') customerId: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('date') issueDate: string;
  @Column('varchar', { length: 500 }) reason: string;
  @Column('numeric', { precision: 18, scale: 4 }) lineTotal: string;
  @Column('numeric', { precision: 18, scale: 4 }) allowanceTotal: string;
  @Column('numeric', { precision: 18, scale: 4 }) chargeTotal: string;
  @Column('numeric', { precision: 18, scale: 4 }) taxExclusiveAmount: string;
  @Column('numeric', { precision: 18, scale: 4 }) taxTotal: string;
  @Column('numeric', { precision: 18, scale: 4 }) taxInclusiveAmount: string;
  @Column('jsonb') taxBreakdown: TaxBreakdownEntry[];
  @Column('jsonb') customerSnapshot: Record<string, unknown>;
  @Column('jsonb') sellerSnapshot: Record<string, unknown>;
  @Column('boolean') stockReturned: boolean;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity('invc_credit_note_lines')
export class CreditNoteLine {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') creditNoteId: string;
  @Column('int') lineNo: number;
  @Column('uuid') invoiceLineId: string;
  @Column('varchar', { length: 500 }) description: string;
  @Column('numeric', { precision: 16, scale: 4 }) quantity: string;
  @Column('varchar', { length: 3 }) unitCode: string;
  @Column('numeric', { precision: 18, scale: 4 }) unitPrice: string;
  @Column('numeric', { precision: 18, scale: 4 }) allowance: string;
  @Column('uuid') taxCategoryId: string;
  @Column('numeric', { precision: 18, scale: 4 }) netAmount: string;
}
