import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { TransactionalConnection } from '../database/transactional-connection';
import { newId } from '../database/ids';
import { UUID_PATTERN } from '../database/ids';
import { Page, paginate, SortField } from '../http/pagination';
import { AuditEvent, FieldChanges } from './audit-event.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Field names among before/after that are masked for readers without `sensitiveScope`. */
  sensitiveFields?: string[];
  sensitiveScope?: string;
}

export interface AuditEventView {
  id: string;
  occurredAt: string;
  actor: { keyId: string | null; keyName: string; actingUser: string | null };
  action: string;
  entityType: string;
  entityId: string;
  changes: FieldChanges;
  requestId: string | null;
}

export const MASK = '***';

const normalise = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);
const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

/** Field-by-field difference; only fields that changed are kept. */
export function diffFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): FieldChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChanges = {};
  for (const key of keys) {
    const b = before ? normalise(before[key]) : null;
    const a = after ? normalise(after[key]) : null;
    if (!before && a === null) continue; // a creation lists only the fields it set
    if (!before || !after || !same(b, a)) changes[key] = { before: b, after: a };
  }
  return changes;
}

const SORTS: Record<string, SortField> = {
  occurredAt: { column: 'a.occurred_at', type: 'timestamp', value: (a: AuditEvent) => a.occurredAt.toISOString() },
};

@Injectable()
export class AuditService {
  constructor(private readonly db: TransactionalConnection) {}

  /** Appends an audit event in the caller's transaction. */
  async record(entry: AuditRecord): Promise<void> {
    const ctx = RequestContext.current();
    const actor = RequestContext.actor();
    const changes = diffFields(entry.before, entry.after);
    await this.db.getRepository(AuditEvent).insert({
      id: newId(),
      occurredAt: new Date(),
      actorKeyId: actor.keyId,
      actorKeyName: actor.keyName,
      actingUser: actor.actingUser ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      changes: changes as never,
      sensitiveFields: (entry.sensitiveFields ?? []).filter((f) => f in changes),
      sensitiveScope: entry.sensitiveScope ?? null,
      requestId: ctx?.requestId ?? null,
    });
  }

  async list(query: { entityType?: string; entityId?: string; actor?: string; from?: string; to?: string; limit?: number; cursor?: string; sort?: string }): Promise<Page<AuditEventView>> {
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actor) {
      if (UUID_PATTERN.test(query.actor)) qb.andWhere('a.actor_key_id = :actor', { actor: query.actor });
      else qb.andWhere('a.acting_user = :actor', { actor: query.actor });
    }
    if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
    return paginate(qb, { sort: query.sort ?? '-occurredAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'a.id', map: (a) => this.view(a) });
  }

  /** Masks sensitive values for a reader who lacks the scope that reveals them. */
  private view(a: AuditEvent): AuditEventView {
    const reveal = !a.sensitiveScope || RequestContext.hasScope(a.sensitiveScope);
    const changes: FieldChanges = {};
    for (const [field, change] of Object.entries(a.changes)) {
      const masked = !reveal && a.sensitiveFields.includes(field);
      changes[field] = masked
        ? { before: change.before === null ? null : MASK, after: change.after === null ? null : MASK }
        : change;
    }
    return {
      id: a.id,
      occurredAt: a.occurredAt.toISOString(),
      actor: { keyId: a.actorKeyId, keyName: a.actorKeyName, actingUser: a.actingUser },
      action: a.action,
      entityType: a.entityType,
      entityId: a.entityId,
      changes: changes as never,
      requestId: a.requestId,
    };
  }
}
