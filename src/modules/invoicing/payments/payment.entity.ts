import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'cheque', 'direct_debit', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

@Entity('invc_payments')
export class Payment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') customerId: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('numeric', { precision: 18, scale: 4 }) amount: string;
  @Column('date') receivedOn: string;
  @Column('text') method: PaymentMethod;
  @Column('varchar', { length: 200, nullable: true }) reference: string | null;
  @Column('numeric', { precision: 18, scale: 4 }) allocatedAmount: string;
  @Column('numeric', { precision: 18, scale: 4 }) refundedAmount: string;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('invc_payment_allocations')
export class PaymentAllocation {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') paymentId: string;
  @Column('uuid') invoiceId: string;
  @Column('numeric', { precision: 18, scale: 4 }) amount: string;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity('invc_payment_refunds')
export class PaymentRefund {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') paymentId: string;
  @Column('numeric', { precision: 18, scale: 4 }) amount: string;
  @Column('date') refundedOn: string;
  @Column('varchar', { length: 200, nullable: true }) reference: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
