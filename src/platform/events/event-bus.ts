import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { TransactionalConnection } from '../database/transactional-connection';
import { newId } from '../database/ids';
import { DomainEvent, EventCatalogue, EventTopic } from './catalogue';
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

  constructor(private readonly db: TransactionalConnection) {}

  async publish<K extends EventTopic>(topic: K, aggregate: { type: string; id: string }, payload: EventCatalogue[K]): Promise<void> {
    if (!this.db.inTransaction) throw new Error(`publish(${topic}) must run inside a transaction`);
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
    this.db.afterCommit(() => this.listeners.forEach((wake) => wake()));
  }

  subscribe<K extends EventTopic>(topic: K, name: string, handler: EventHandler<K>): void {
    const list = this.subscriptions.get(topic) ?? [];
    if (list.some((s) => s.name === name)) throw new Error(`duplicate subscription ${name} on ${topic}`);
    list.push({ name, handler: handler as unknown as EventHandler<EventTopic> });
    this.subscriptions.set(topic, list);
    this.logger.debug(`${name} subscribed to ${topic}`);
  }

  unsubscribe(topic: EventTopic, name: string): void {
    this.subscriptions.set(topic, (this.subscriptions.get(topic) ?? []).filter((s) => s.name !== name));
  }

  subscribersOf(topic: string): readonly Subscription[] {
    return this.subscriptions.get(topic) ?? [];
  }

  /** Called after a commit that wrote events (the dispatcher wakes up instead of waiting to poll). */
  onPublished(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
