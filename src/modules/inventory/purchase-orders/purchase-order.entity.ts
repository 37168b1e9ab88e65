import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PURCHASE_ORDER_STATUSES = ['draft', 'ordered', 'partially_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

@Entity('inv_purchase_orders')
export class PurchaseOrder {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text', insert: false, update: false }) number: string;
  @Column('uuid') supplierId: string;
  @Column('text') status: PurchaseOrderStatus;
  @Column('char', { length: 3 }) currency: string;
  @Column('numeric', { precision: 5, scale: 2 }) overReceiptTolerancePercent: string;
  @Column('date', { nullable: true }) expectedDate: string | null;
  @Column('varchar', { length: 1000, nullable: true }) note: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) orderedAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('inv_purchase_order_lines')
export class PurchaseOrderLine {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') purchaseOrderId: string;
  @Column('int') lineNo: number;
  @Column('uuid') itemId: string;
  @Column('numeric', { precision: 14, scale: 3 }) quantity: string;
  @Column('numeric', { precision: 18, scale: 4 }) unitCost: string;
  @Column('numeric', { precision: 14, scale: 3 }) receivedQuantity: string;
}
