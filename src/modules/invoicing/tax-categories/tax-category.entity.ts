import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaxCategoryCode } from '../invoices/totals.calculator';

/** A VAT category and rate from a date on. Rows are not changed: a new rate is a new row. */
@Entity('invc_tax_categories')
export class TaxCategory {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: TaxCategoryCode;
  @Column('numeric', { precision: 5, scale: 2 }) rate: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('varchar', { length: 300, nullable: true }) exemptionReason: string | null;
  @Column('varchar', { length: 30, nullable: true }) exemptionReasonCode: string | null;
  @Column('date') validFrom: string;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
