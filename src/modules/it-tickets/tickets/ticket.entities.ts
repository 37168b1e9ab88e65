import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TICKET_TYPES = ['incident', 'service_request', 'access', 'onboarding', 'offboarding'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const TICKET_STATUSES = ['new', 'open', 'in_progress', 'waiting_on_requester', 'waiting_on_third_party', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PAUSABLE_STATES = ['waiting_on_requester', 'waiting_on_third_party'] as const;

@Entity('it_tickets')
export class Ticket {
  @PrimaryColumn('uuid') id: string;
  @Column('varchar', { length: 20 }) number: string;
  @Column('varchar', { length: 200 }) title: string;
  @Column('text') description: string;
  @Column('text') type: TicketType;
  @Column('varchar', { length: 50 }) category: string;
  @Column('smallint') impact: number;
  @Column('smallint') urgency: number;
  @Column('text') priority: Priority;
  @Column('text') status: TicketStatus;
  @Column('uuid') requesterId: string;
  @Column('uuid', { nullable: true }) assigneeId: string | null;
  @Column('uuid', { nullable: true }) groupId: string | null;
  @Column('text', { array: true }) tags: string[];
  @Column('date', { nullable: true }) dueDate: string | null;
  @Column('uuid', { nullable: true }) subjectEmployeeId: string | null;
  @Column('uuid', { nullable: true }) slaPolicyId: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) firstResponseAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) closedAt: Date | null;
  @Column('int', { nullable: true }) frTargetMinutes: number | null;
  @Column('int', { nullable: true }) resTargetMinutes: number | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) frDueAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) frRiskAt: Date | null;
  @Column('int', { nullable: true }) frElapsedMinutes: number | null;
  @Column('boolean') frStopped: boolean;
  @Column('boolean') frBreached: boolean;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) resDueAt: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) resRiskAt: Date | null;
  @Column('int', { nullable: true }) resElapsedMinutes: number | null;
  @Column('int', { nullable: true }) resPausedMinutes: number | null;
  @Column('boolean') resStopped: boolean;
  @Column('boolean') resBreached: boolean;
  @Column({ type: 'timestamptz', precision: 3 }) sortDueAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) sortRiskAt: Date;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', precision: 3 }) updatedAt: Date;
}

@Entity('it_ticket_transitions')
export class TicketTransition {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') ticketId: string;
  @Column('text') action: string;
  @Column('text', { nullable: true }) fromStatus: TicketStatus | null;
  @Column('text') toStatus: TicketStatus;
  @Column({ type: 'timestamptz', precision: 3 }) at: Date;
  @Column('varchar', { length: 200 }) actor: string;
}

@Entity('it_ticket_comments')
export class TicketComment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') ticketId: string;
  @Column('uuid') authorId: string;
  @Column('boolean') byAgent: boolean;
  @Column('text') visibility: 'public' | 'internal';
  @Column('text') body: string;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity('it_ticket_attachments')
export class TicketAttachment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') ticketId: string;
  @Column('varchar', { length: 255 }) fileName: string;
  @Column('varchar', { length: 100 }) contentType: string;
  @Column('int') sizeBytes: number;
  @Column('char', { length: 64 }) sha256: string;
  @Column('bytea', { select: false }) content: Buffer;
  @Column({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}
