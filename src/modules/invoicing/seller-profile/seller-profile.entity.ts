import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Address } from '../address.dto';

/** One row per version of the seller's details; rows are never changed. */
@Entity('invc_seller_profiles')
export class SellerProfile {
  @PrimaryColumn('uuid') id: string;
  @Column('int') versionNo: number;
  @Column('varchar', { length: 200 }) legalName: string;
  @Column('varchar', { length: 30, nullable: true }) vatId: string | null;
  @Column('varchar', { length: 50, nullable: true }) companyId: string | null;
  @Column('jsonb') address: Address;
  @Column('varchar', { length: 254, nullable: true }) email: string | null;
  /** Peppol electronic address (BT-34): both set or both null (database check). */
  @Column('varchar', { length: 4, nullable: true }) electronicAddressScheme: string | null;
  @Column('varchar', { length: 100, nullable: true }) electronicAddressId: string | null;
  @Column('varchar', { length: 50, nullable: true }) phone: string | null;
  @Column('varchar', { length: 34 }) iban: string;
  @Column('varchar', { length: 11, nullable: true }) bic: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
