import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { TransactionalConnection } from '../database/transactional-connection';
import { newId } from '../database/ids';
import { DomainEvent, EventCatalogue, EventTopic } from './catalogue';
import { eventType } from './event-types';
import { OutboxEvent } from './outbox-event.entity';

export type EventHandler<K extends EventTopic> = (event: DomainEvent<K>, manager: EntityManager) => Promise<void>;

interface Subscription {
  name: string;
  handler: EventHandler<EventTopic>;
}

/**
 * Publishing writes to the outbox inside the caller's transaction; subscribers (in the module
 * that reacts) run later, after commit, from the dispatcher. Each subscription has a stable name
 * so a redelivered event is recognised and skipped.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger('EventBus');
  private readonly subscriptions = new Map<string, Subscription[]>();
  private readonly listeners = new Set<() => void>();
  /** One wake-up per committed transaction, however many events it published. */
  private readonly wakeListeners = () => this.listeners.forEach((wake) => wake());
  private readonly allTopics: Subscription[] = [];
  private static payloadCheck?: (topic: string, payload: unknown) => void;

  /** Tests install a JSON Schema check here so every published payload is held to its definition. */
  static checkPayloadsWith(check: ((topic: string, payload: unknown) => void) | undefined): void {
    EventBus.payloadCheck = check;
  }

  constructor(private readonly db: TransactionalConnection) {}

  async publish<K extends EventTopic>(topic: K, aggregate: { type: string; id: string }, payload: EventCatalogue[K]): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`publish(${topic}) must run inside a transaction`);
    // Only catalogued events leave the process (webhooks, the event-types endpoint describe them).
    if (!eventType(topic)) throw new Error(`event type ${topic} has no definition: call defineEventTypes() in the module's events.ts`);
    EventBus.payloadCheck?.(topic, payload);
    const now = new Date();
    await this.db.getRepository(OutboxEvent).insert({
      id: newId(),
      topic,
      aggregateType: aggregate.type,
      aggregateId: aggregate.id,
      payload: payload as never,
      requestId: RequestContext.requestId() ?? null,
      occurredAt: now,
      availableAt: now,
      attempts: 0,
      lastError: null,
      dispatchedAt: null,
      failedAt: null,
    });
    this.db.afterCommitOnce(this.wakeListeners);
  }

  subscribe<K extends EventTopic>(topic: K, name: string, handler: EventHandler<K>): void {
    const list = this.subscriptions.get(topic) ?? [];
    if (list.some((s) => s.name === name)) throw new Error(`duplicate subscription ${name} on ${topic}`);
    list.push({ name, handler: handler as unknown as EventHandler<EventTopic> });
    this.subscriptions.set(topic, list);
    this.logger.debug(`${name} subscribed to ${topic}`);
  }

  /**
   * A consumer of every topic (webhook fan-out): run by the dispatcher in the event's
   * transaction, with its own consumption row like any subscriber.
   */
  subscribeAll(name: string, handler: EventHandler<EventTopic>): void {
    if (this.allTopics.some((s) => s.name === name)) throw new Error(`duplicate subscription ${name} on every topic`);
    this.allTopics.push({ name, handler });
  }

  unsubscribe(topic: EventTopic, name: string): void {
    this.subscriptions.set(topic, (this.subscriptions.get(topic) ?? []).filter((s) => s.name !== name));
  }

  subscribersOf(topic: string): readonly Subscription[] {
    const own = this.subscriptions.get(topic) ?? [];
    return this.allTopics.length ? [...own, ...this.allTopics] : own;
  }

  /** Called after a commit that wrote events (the dispatcher wakes up instead of waiting to poll). */
  onPublished(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
