import { JsonSchema } from './event-types';

/**
 * Small builders for the JSON Schemas of event payloads (draft 2020-12, as OpenAPI 3.1 uses),
 * so each module's definitions stay short and alike: objects are closed and list their
 * required properties; `nullable(x)` adds `null` to the allowed types.
 */
export const S = {
  string: (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra }),
  uuid: (): JsonSchema => ({ type: 'string', format: 'uuid' }),
  date: (): JsonSchema => ({ type: 'string', format: 'date' }),
  dateTime: (): JsonSchema => ({ type: 'string', format: 'date-time' }),
  decimal: (description?: string): JsonSchema => ({ type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', ...(description ? { description } : {}) }),
  integer: (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra }),
  boolean: (): JsonSchema => ({ type: 'boolean' }),
  enum: (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] }),
  array: (items: JsonSchema): JsonSchema => ({ type: 'array', items }),
  nullable: (schema: JsonSchema): JsonSchema => {
    if (Array.isArray(schema.enum)) return { ...schema, type: [schema.type as string, 'null'], enum: [...(schema.enum as unknown[]), null] };
    return { ...schema, type: [schema.type as string, 'null'] };
  },
  /** A closed object: every property required unless named in `optional`. */
  object: (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  }),
};

/** The same schema for an OpenAPI 3.0 document: `type: [T, 'null']` becomes `type: T, nullable: true`. */
export function toOpenApi30(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApi30);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'example' || k === 'enum' ? v : toOpenApi30(v);
  if (Array.isArray(out.type)) {
    const types = out.type as string[];
    out.type = types.find((t) => t !== 'null');
    if (types.includes('null')) out.nullable = true;
  }
  return out;
}
