import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('it_groups')
export class ItGroup {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 40 }) code: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('it_agents')
export class ItAgent {
  /** The employee id (the agent role is keyed by it). */
  @PrimaryColumn('uuid', { name: 'employee_id' }) id: string;
  @Column('boolean') active: boolean;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('it_settings')
export class ItSettings {
  @PrimaryColumn('smallint') id: number;
  @Column('int') reopenWindowHours: number;
  @Column('int') attachmentMaxBytes: number;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}
