import { EventTopic } from './catalogue';

/** A JSON Schema (draft 2020-12 subset, as OpenAPI 3.1 uses) of an event's `data`. */
export type JsonSchema = { [key: string]: unknown };

export interface EventTypeDefinition {
  /** `<module>.<entity>.<past-tense verb>` */
  topic: EventTopic;
  /** One sentence for integrators: when the event is published. */
  description: string;
  /** The kind of resource the event is about (`invoice`, `employee`, ...). */
  aggregateType: string;
  /** JSON Schema of the payload (`data` in a webhook delivery). */
  schema: JsonSchema;
}

const registry = new Map<string, EventTypeDefinition>();

/**
 * The published event catalogue at run time. Each module's `<module>.events.ts` calls this once
 * for every topic it declares in `EventCatalogue`, so the catalogue endpoint, the OpenAPI document
 * and webhook deliveries can describe every event. Defining a topic twice is a programming error.
 */
export function defineEventTypes(definitions: { [K in EventTopic]?: Omit<EventTypeDefinition, 'topic'> }): void {
  for (const [topic, definition] of Object.entries(definitions) as [EventTopic, Omit<EventTypeDefinition, 'topic'>][]) {
    if (registry.has(topic)) throw new Error(`event type ${topic} is defined twice`);
    registry.set(topic, { topic, ...definition });
  }
}

export function eventType(topic: string): EventTypeDefinition | undefined {
  return registry.get(topic);
}

/** Every defined event type, sorted by topic. */
export function eventTypes(): EventTypeDefinition[] {
  return [...registry.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}
