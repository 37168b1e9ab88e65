import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EventBus } from '../../src/platform/events/event-bus';
import { eventType } from '../../src/platform/events/event-types';

/**
 * Every e2e test holds each published payload to the JSON Schema of its event type (the one
 * integrators read in GET /webhooks/event-types): a payload that does not match fails the
 * request that published it, naming the topic and the mismatch.
 */
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
const violations: string[] = [];

EventBus.checkPayloadsWith((topic, payload) => {
  let validate = validators.get(topic);
  if (!validate) {
    validate = ajv.compile(eventType(topic)!.schema);
    validators.set(topic, validate);
  }
  // Through JSON, as the outbox stores it and a receiver gets it.
  if (!validate(JSON.parse(JSON.stringify(payload)))) {
    const message = `payload of ${topic} does not match its catalogued schema: ${ajv.errorsText(validate.errors)}`;
    violations.push(message);
    throw new Error(message);
  }
});

// The request that published fails with a 500 (logs are silent in tests); this names the cause.
afterEach(() => {
  const found = violations.splice(0);
  expect(found).toEqual([]);
});
