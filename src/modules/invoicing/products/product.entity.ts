import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('invc_products')
export class Product {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 50 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 3 }) unitCode: string;
  @Column('numeric', { precision: 18, scale: 4 }) unitPrice: string;
  @Column('uuid') taxCategoryId: string;
  @Column('uuid', { nullable: true }) inventoryItemId: string | null;
  @Column('uuid', { nullable: true }) stockLocationId: string | null;
  @Column('boolean') active: boolean;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
