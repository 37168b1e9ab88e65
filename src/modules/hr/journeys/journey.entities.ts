import { Column, Entity, PrimaryColumn } from 'typeorm';

export const JOURNEY_KINDS = ['onboarding', 'offboarding'] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];
export const TASK_KINDS = ['manual', 'it_ticket', 'contract'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const JOURNEY_STATUSES = ['in_progress', 'completed', 'cancelled'] as const;
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number];

@Entity('hr_checklist_templates')
export class ChecklistTemplate {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('text') kind: JourneyKind;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('hr_checklist_template_tasks')
export class ChecklistTemplateTask {
  @PrimaryColumn('uuid') templateId: string;
  @PrimaryColumn('int') position: number;
  @Column('varchar', { length: 200 }) title: string;
  @Column('varchar', { length: 50, nullable: true }) ownerRole: string | null;
  @Column('uuid', { nullable: true }) ownerDepartmentId: string | null;
  @Column('int') dueOffsetDays: number;
  @Column('text') kind: TaskKind;
}

@Entity('hr_journeys')
export class Journey {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') employeeId: string;
  @Column('uuid', { nullable: true }) templateId: string | null;
  @Column('text') kind: JourneyKind;
  @Column('date') anchorDate: string;
  @Column('text') status: JourneyStatus;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) completedAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('hr_journey_tasks')
export class JourneyTask {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') journeyId: string;
  @Column('int') position: number;
  @Column('varchar', { length: 200 }) title: string;
  @Column('varchar', { length: 50, nullable: true }) ownerRole: string | null;
  @Column('uuid', { nullable: true }) ownerDepartmentId: string | null;
  @Column('text') kind: TaskKind;
  @Column('date') dueDate: string;
  @Column('text') status: 'open' | 'done';
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) doneAt: Date | null;
  @Column('varchar', { length: 200, nullable: true }) doneBy: string | null;
  @Column('varchar', { length: 500, nullable: true }) note: string | null;
}
