import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ASSET_CATEGORIES = ['laptop', 'phone', 'monitor', 'license'] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export const ASSET_STATUSES = ['in_stock', 'assigned', 'in_repair', 'retired', 'lost'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

@Entity('it_assets')
export class ItAsset {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 40 }) assetTag: string;
  @Column('varchar', { length: 100, nullable: true }) serialNumber: string | null;
  @Column('varchar', { length: 100 }) model: string;
  @Column('text') category: AssetCategory;
  @Column('date', { nullable: true }) purchaseDate: string | null;
  @Column('numeric', { precision: 14, scale: 2, nullable: true }) purchaseCost: string | null;
  @Column('char', { length: 3, nullable: true }) currency: string | null;
  @Column('date', { nullable: true }) warrantyEnd: string | null;
  @Column('text') status: AssetStatus;
  @Column('uuid', { nullable: true }) holderId: string | null;
  @Column('int', { nullable: true }) seats: number | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('it_asset_assignments')
export class AssetAssignment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') assetId: string;
  @Column('uuid') employeeId: string;
  @Column('boolean') isLicense: boolean;
  @Column({ type: 'timestamptz', precision: 3 }) checkedOutAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) checkedInAt: Date | null;
}
