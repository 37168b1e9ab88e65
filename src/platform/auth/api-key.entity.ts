import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** The first characters of the key, shown so people can tell keys apart. */
  @Column('text')
  prefix: string;

  /** SHA-256 of the key, hex; the key itself is never stored. */
  @Column('text', { select: false })
  keyHash: string;

  @Column('text', { array: true })
  scopes: string[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  createdBy: string | null;
}
