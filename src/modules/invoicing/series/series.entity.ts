import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SERIES_DOCUMENT_TYPES = ['invoice', 'credit_note'] as const;
export type SeriesDocumentType = (typeof SERIES_DOCUMENT_TYPES)[number];

@Entity('invc_series')
export class InvoiceSeries {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 60 }) pattern: string;
  @Column('boolean') yearlyReset: boolean;
  @Column('text') documentType: SeriesDocumentType;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
