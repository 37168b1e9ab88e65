import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { EventBus } from '../../../platform/events/event-bus';
import type { WebhookSubscriptionChangedPayload } from '../integrations.events';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { eventTypes } from '../../../platform/events/event-types';
import { assertVersion } from '../../../platform/http/if-match';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { NotFoundProblem, PlatformErrorCode, PlatformException } from '../../../platform/http/problem';
import { changedKeys } from '../../../platform/changes/changed-fields';
import { IntegrationsErrorCode, IntegrationsException } from '../integrations.errors';
import {
  CreateWebhookSubscriptionDto,
  ListWebhookSubscriptionsQuery,
  RotateSecretDto,
  UpdateWebhookSubscriptionDto,
  WebhookSubscriptionDto,
  WebhookSubscriptionWithSecretDto,
} from './dto/webhook.dto';
import { refuseTarget } from './target-policy';
import { WebhookSubscription } from './webhook.entities';
import { WebhookSender } from './webhook-sender';

const SORTS: Record<string, SortField> = {
  createdAt: { column: 's.created_at', type: 'timestamp', value: (s: WebhookSubscription) => s.createdAt.toISOString() },
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toSubscriptionDto = (s: WebhookSubscription): WebhookSubscriptionDto => ({
  id: s.id,
  url: s.url,
  eventTypes: s.eventTypes,
  description: s.description,
  active: s.active,
  disabledAt: iso(s.disabledAt),
  failingSince: iso(s.failingSince),
  previousSecretExpiresAt: s.previousSecretExpiresAt && s.previousSecretExpiresAt.getTime() > Date.now() ? s.previousSecretExpiresAt.toISOString() : null,
  version: s.version,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

/** Never the secrets: the audit trail records that they changed, not what they are. */
const snapshot = (s: WebhookSubscription) => ({ url: s.url, eventTypes: s.eventTypes, description: s.description, active: s.active });

const changedPayload = (s: WebhookSubscription, changedFields: string[] = []): WebhookSubscriptionChangedPayload => ({
  subscriptionId: s.id,
  ...snapshot(s),
  changedFields,
});

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Topics a subscription entry stands for: an exact defined topic, or `module.*`. */
export function unknownEventTypes(entries: string[]): { index: number; value: string }[] {
  const topics = eventTypes().map((t) => t.topic as string);
  return entries
    .map((value, index) => ({ value, index }))
    .filter(({ value }) => {
      if (value.endsWith('.*')) {
        const module = value.slice(0, -2);
        return module.includes('.') || !topics.some((t) => t.startsWith(`${module}.`));
      }
      return !topics.includes(value);
    });
}

@Injectable()
export class WebhookSubscriptionsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly sender: WebhookSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.db.getRepository(WebhookSubscription);
  }

  private validate(input: UpdateWebhookSubscriptionDto): void {
    const nulls = ['url', 'eventTypes', 'active'].filter((f) => (input as Record<string, unknown>)[f] === null);
    if (nulls.length) throw new PlatformException(PlatformErrorCode.ValidationFailed, `Fields cannot be null: ${nulls.join(', ')}.`, {}, nulls.map((field) => ({ field, message: `${field} cannot be null` })));
    if (input.url !== undefined) {
      const refusal = refuseTarget(input.url, this.sender.policy);
      if (refusal) throw new IntegrationsException(IntegrationsErrorCode.WebhookTargetNotAllowed, refusal.detail, { reason: refusal.reason }, [{ field: 'url', message: refusal.detail }]);
    }
    if (input.eventTypes !== undefined) {
      const unknown = unknownEventTypes(input.eventTypes);
      if (unknown.length) {
        throw new IntegrationsException(
          IntegrationsErrorCode.UnknownEventType,
          `Not in the event catalogue (GET /webhooks/event-types): ${unknown.map((u) => u.value).join(', ')}.`,
          {},
          unknown.map((u) => ({ field: `eventTypes[${u.index}]`, message: `${u.value} is not a catalogued event type or module` })),
        );
      }
    }
  }

  async create(input: CreateWebhookSubscriptionDto): Promise<WebhookSubscriptionWithSecretDto> {
    this.validate(input);
    return this.db.withTransaction(async () => {
      const now = new Date();
      const s: WebhookSubscription = {
        id: newId(),
        url: input.url,
        eventTypes: [...new Set(input.eventTypes)],
        description: input.description ?? null,
        active: input.active ?? true,
        secret: newSecret(),
        previousSecret: null,
        previousSecretExpiresAt: null,
        failingSince: null,
        disabledAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(s);
      await this.audit.record({ action: 'integrations.webhook_subscription.created', entityType: 'webhook_subscription', entityId: s.id, before: null, after: snapshot(s) });
      await this.events.publish('integrations.webhook_subscription.created', { type: 'webhook_subscription', id: s.id }, changedPayload(s));
      return { ...toSubscriptionDto(s), secret: s.secret };
    });
  }

  async list(query: ListWebhookSubscriptionsQuery): Promise<Page<WebhookSubscriptionDto>> {
    const qb = this.repo.createQueryBuilder('s');
    return paginate(qb, { sort: query.sort ?? 'createdAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 's.id', map: toSubscriptionDto });
  }

  async get(id: string): Promise<WebhookSubscriptionDto> {
    return toSubscriptionDto(await this.findOrThrow(id));
  }

  async update(id: string, input: UpdateWebhookSubscriptionDto, expectedVersion: number | undefined): Promise<WebhookSubscriptionDto> {
    this.validate(input);
    return this.db.withTransaction(async () => {
      const s = await this.findOrThrow(id, true);
      assertVersion('webhook subscription', expectedVersion, s.version);
      const before = snapshot(s);
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<WebhookSubscription>;
      if (changes.eventTypes) changes.eventTypes = [...new Set(changes.eventTypes)];
      Object.assign(s, changes);
      const after = snapshot(s);
      const changedFields = changedKeys(before, after);
      if (!changedFields.length) return toSubscriptionDto(s);
      // Re-activating starts the failure clock again.
      const reactivated = !before.active && after.active;
      await this.repo.update({ id }, { ...after, ...(reactivated ? { failingSince: null, disabledAt: null } : {}), version: s.version + 1, updatedAt: new Date() });
      await this.audit.record({ action: 'integrations.webhook_subscription.updated', entityType: 'webhook_subscription', entityId: id, before, after });
      await this.events.publish('integrations.webhook_subscription.updated', { type: 'webhook_subscription', id }, changedPayload(s, changedFields));
      return toSubscriptionDto(await this.findOrThrow(id));
    });
  }

  async remove(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.db.withTransaction(async () => {
      const s = await this.findOrThrow(id, true);
      assertVersion('webhook subscription', expectedVersion, s.version);
      await this.repo.delete({ id });
      await this.audit.record({ action: 'integrations.webhook_subscription.deleted', entityType: 'webhook_subscription', entityId: id, before: snapshot(s), after: null });
      await this.events.publish('integrations.webhook_subscription.deleted', { type: 'webhook_subscription', id }, changedPayload(s));
    });
  }

  /** A new secret; the previous one keeps signing (a second signature) until the overlap ends. */
  async rotateSecret(id: string, input: RotateSecretDto, expectedVersion: number | undefined): Promise<WebhookSubscriptionWithSecretDto> {
    return this.db.withTransaction(async () => {
      const s = await this.findOrThrow(id, true);
      assertVersion('webhook subscription', expectedVersion, s.version);
      const overlap = input.overlapSeconds ?? this.config.WEBHOOK_SECRET_OVERLAP_SECONDS;
      const now = new Date();
      const secret = newSecret();
      const previous = overlap > 0 ? { previousSecret: s.secret, previousSecretExpiresAt: new Date(now.getTime() + overlap * 1000) } : { previousSecret: null, previousSecretExpiresAt: null };
      await this.repo.update({ id }, { secret, ...previous, version: s.version + 1, updatedAt: now });
      await this.audit.record({ action: 'integrations.webhook_subscription.secret_rotated', entityType: 'webhook_subscription', entityId: id, before: { secretRotatedAt: null }, after: { secretRotatedAt: now.toISOString(), overlapSeconds: overlap } });
      await this.events.publish('integrations.webhook_subscription.secret_rotated', { type: 'webhook_subscription', id }, {
        subscriptionId: id,
        rotatedAt: now.toISOString(),
        previousSecretExpiresAt: previous.previousSecretExpiresAt ? previous.previousSecretExpiresAt.toISOString() : null,
      });
      return { ...toSubscriptionDto(await this.findOrThrow(id)), secret };
    });
  }

  async findOrThrow(id: string, lock = false): Promise<WebhookSubscription> {
    const s = await this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!s) throw new NotFoundProblem('Webhook subscription', id);
    return s;
  }
}
