import { Column, Entity, PrimaryColumn } from 'typeorm';

export const IMPORT_KINDS = ['employees', 'departments', 'customers', 'items', 'suppliers', 'opening-stock'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_MODES = ['commit', 'validate'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_STATUSES = ['running', 'validated', 'committed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One CSV import and its progress. */
@Entity('imports')
export class ImportRun {
  @PrimaryColumn('uuid') id: string;
  @Column('text') kind: ImportKind;
  @Column('text') mode: ImportMode;
  @Column('text') status: ImportStatus;
  @Column('int') processedRows: number;
  @Column('int') importedRows: number;
  @Column('int') errorCount: number;
  @Column('bigint') bytesRead: string;
  @Column('bigint', { nullable: true }) totalBytes: string | null;
  @Column('varchar', { length: 500, nullable: true }) failureReason: string | null;
  @Column('uuid', { nullable: true }) apiKeyId: string | null;
  @Column('varchar', { length: 128, nullable: true }) requestId: string | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) startedAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) finishedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

/** A bad row of an import (row 0 is the header). */
@Entity('imports_errors')
export class ImportRowError {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') importId: string;
  @Column('int') rowNumber: number;
  @Column('varchar', { length: 200 }) field: string;
  @Column('varchar', { length: 1000 }) message: string;
}
