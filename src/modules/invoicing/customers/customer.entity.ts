import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Address } from '../address.dto';

@Entity('invc_customers')
export class Customer {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 200 }) legalName: string;
  @Column('varchar', { length: 200, nullable: true }) tradingName: string | null;
  @Column('varchar', { length: 30, nullable: true }) vatId: string | null;
  @Column('varchar', { length: 50, nullable: true }) taxId: string | null;
  @Column('varchar', { length: 50, nullable: true }) companyId: string | null;
  @Column('jsonb') billingAddress: Address;
  @Column('varchar', { length: 254, nullable: true }) email: string | null;
  /** Peppol electronic address (BT-49): both set or both null (database check). */
  @Column('varchar', { length: 4, nullable: true }) electronicAddressScheme: string | null;
  @Column('varchar', { length: 100, nullable: true }) electronicAddressId: string | null;
  @Column('char', { length: 3 }) currency: string;
  @Column('int') paymentTermsDays: number;
  @Column('numeric', { precision: 14, scale: 2, nullable: true }) creditLimit: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
