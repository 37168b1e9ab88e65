import { Column, Entity, PrimaryColumn } from 'typeorm';

export const LOCATION_KINDS = ['zone', 'shelf', 'bin'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

@Entity('inv_locations')
export class Location {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') warehouseId: string;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @Column('varchar', { length: 50 }) code: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('text') kind: LocationKind;
  @Column('boolean') receivable: boolean;
  @Column('boolean') pickable: boolean;
  @Column('boolean') active: boolean;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
