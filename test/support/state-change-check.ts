import { appendFileSync } from 'node:fs';
import type { DataSource, QueryRunner } from 'typeorm';
import { AuditRecord, AuditService } from '../../src/platform/audit/audit.service';
import { RequestContext } from '../../src/platform/context/request-context';
import { EventBus } from '../../src/platform/events/event-bus';

/**
 * "Every state change of every module emits a catalogued event": every audited change (each
 * write records one audit event) must publish, in the same committed transaction, an event about
 * the same resource (outbox aggregate id = audited entity id), or one named like the audit action,
 * or one of COVERED_BY. Checked on every transaction that commits during the e2e suite; an audited
 * change without its event fails the test that made it. (A change nobody tests escapes: each
 * module's e2e tests exercise every write.)
 */
interface Tracked {
  audited: { action: string; entityId: string }[];
  published: { topic: string; aggregateId: string }[];
}
/**
 * What else counts as announcing an audited change, besides an event about the same resource or
 * an event named like the audit action: a stock move is announced by the stock event of its item;
 * an invoice settled by a payment (received, or its credit allocated later), a refund or a credit
 * note by that document's event, which lists the invoices it settles with the amounts applied;
 * leave taken by the leave request's event.
 */
const COVERED_BY: Array<[RegExp, RegExp]> = [
  [/^inventory\.stock_move\./, /^inventory\.stock\./],
  [/^invoicing\.invoice\.settled$/, /^invoicing\.(payment\.received|payment\.allocated|payment\.refunded|credit_note\.issued)$/],
  [/^hr\.leave_ledger\.usage$/, /^hr\.leave_request\./],
];

/** Audited, but not a module's business state: API keys are credentials, never sent to webhooks. */
const NOT_EVENTS = new Set(['api_key.created', 'api_key.revoked']);

const announced = (action: string, entityId: string, published: Tracked['published']): boolean =>
  NOT_EVENTS.has(action) ||
  published.some((p) => p.aggregateId === entityId || p.topic === action || COVERED_BY.some(([a, t]) => a.test(action) && t.test(p.topic)));

const open = new WeakMap<QueryRunner, Tracked>();
const violations: string[] = [];
const log = process.env.STATE_CHANGE_LOG;

const tracked = (): Tracked | undefined => {
  const runner = RequestContext.current()?.manager?.queryRunner;
  if (!runner) return undefined;
  let t = open.get(runner);
  if (!t) open.set(runner, (t = { audited: [], published: [] }));
  return t;
};

const record = AuditService.prototype.record;
AuditService.prototype.record = function (this: AuditService, entry: AuditRecord) {
  const t = tracked();
  if (t) t.audited.push({ action: entry.action, entityId: entry.entityId });
  else violations.push(`${entry.action} was audited outside a transaction, so it cannot publish its event atomically`);
  return record.call(this, entry);
};

const publish = EventBus.prototype.publish;
EventBus.prototype.publish = function (this: EventBus, topic, aggregate, payload) {
  tracked()?.published.push({ topic, aggregateId: aggregate.id });
  return publish.call(this, topic, aggregate, payload);
} as typeof publish;

function committed(runner: QueryRunner | undefined): void {
  const t = runner && open.get(runner);
  if (!t) return;
  open.delete(runner);
  for (const a of t.audited) {
    const ok = announced(a.action, a.entityId, t.published);
    if (log) appendFileSync(log, JSON.stringify({ action: a.action, ok, all: t.published.map((p) => p.topic) }) + '\n');
    if (!ok) violations.push(`${a.action} (${a.entityId}) committed without an event announcing it (published: ${t.published.map((p) => p.topic).join(', ') || 'none'})`);
  }
}

/** Called by createTestApp: watch the app's commits. */
export function watchStateChanges(dataSource: DataSource): void {
  dataSource.subscribers.push({ afterTransactionCommit: (e) => committed(e.queryRunner) });
}

afterEach(() => {
  const found = violations.splice(0);
  if (!log) expect(found).toEqual([]);
});
