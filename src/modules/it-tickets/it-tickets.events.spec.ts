import { eventType } from '../../platform/events/event-types';
import { IT_EVENT_TOPICS } from './it-tickets.events';

describe('IT event catalogue', () => {
  it('defines every topic it declares, with an object schema that names its required fields', () => {
    for (const topic of IT_EVENT_TOPICS) {
      const def = eventType(topic);
      expect({ topic, aggregateType: def?.aggregateType, type: def?.schema.type, additionalProperties: def?.schema.additionalProperties }).toEqual({
        topic,
        aggregateType: topic.startsWith('it.asset.') ? 'it_asset' : 'it_ticket',
        type: 'object',
        additionalProperties: false,
      });
    }
  });
});
