import { Column, Entity, PrimaryColumn } from 'typeorm';

export const RESERVATION_STATUSES = ['active', 'released', 'consumed', 'expired'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];
export const RESERVATION_REFERENCE_TYPES = ['invoice', 'manual'] as const;
export type ReservationReferenceType = (typeof RESERVATION_REFERENCE_TYPES)[number];

@Entity('inv_reservations')
export class Reservation {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') itemId: string;
  @Column('uuid') locationId: string;
  @Column('numeric', { precision: 14, scale: 3 }) quantity: string;
  @Column('text') referenceType: ReservationReferenceType;
  @Column('varchar', { length: 100, nullable: true }) referenceId: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) expiresAt: Date;
  @Column('text') status: ReservationStatus;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
