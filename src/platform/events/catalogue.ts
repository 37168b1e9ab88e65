/**
 * The typed catalogue of domain events: topic → payload. Each module adds its own topics by
 * declaration merging in its `events.ts`, so publishing an unknown topic or a wrong payload
 * does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface EventCatalogue {}

export type EventTopic = keyof EventCatalogue & string;

export interface DomainEvent<K extends EventTopic = EventTopic> {
  id: string;
  topic: K;
  aggregateType: string;
  aggregateId: string;
  occurredAt: string;
  payload: EventCatalogue[K];
}
