import { JsonSchema } from './event-types';

/**
 * Small builders for the JSON Schemas of event payloads (draft 2020-12, as OpenAPI 3.1 uses),
 * so each module's definitions stay short and alike: objects are closed and list their
 * required properties; `nullable(x)` adds `null` to the allowed types.
 */
/** A decimal string bounded like `numeric(precision, scale)` (unsigned when `min` is not negative). */
export interface DecimalSchemaOptions {
  precision: number;
  scale: number;
  min?: string;
  description?: string;
}

export const S = {
  /**
   * A string; give free text its write-time limit: `S.string(200)` or `S.string(200, { example })`
   * (`S.string({ maxLength, ... })` works too).
   */
  string: (maxLengthOrExtra: number | JsonSchema = {}, extra: JsonSchema = {}): JsonSchema =>
    typeof maxLengthOrExtra === 'number' ? { type: 'string', maxLength: maxLengthOrExtra, ...extra } : { type: 'string', ...maxLengthOrExtra },
  uuid: (): JsonSchema => ({ type: 'string', format: 'uuid' }),
  date: (): JsonSchema => ({ type: 'string', format: 'date' }),
  dateTime: (): JsonSchema => ({ type: 'string', format: 'date-time' }),
  /** `S.decimal({ precision, scale, min })` states the column's bound as pattern and maxLength; `S.decimal(description?)` only the shape. */
  decimal: (descriptionOrOptions?: string | DecimalSchemaOptions): JsonSchema => {
    if (typeof descriptionOrOptions !== 'object') return { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$', ...(descriptionOrOptions ? { description: descriptionOrOptions } : {}) };
    const { precision, scale, min, description } = descriptionOrOptions;
    const integerDigits = precision - scale;
    const unsigned = min !== undefined && !min.startsWith('-');
    return {
      type: 'string',
      pattern: `^${unsigned ? '' : '-?'}\\d{1,${integerDigits}}${scale > 0 ? `(\\.\\d{1,${scale}})?` : ''}$`,
      maxLength: (unsigned ? 0 : 1) + integerDigits + (scale > 0 ? 1 + scale : 0),
      ...(description ? { description } : {}),
    };
  },
  integer: (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra }),
  /** A 32-bit integer between `minimum` and `maximum`. */
  int32: (minimum = 0, maximum = 2147483647, extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', format: 'int32', minimum, maximum, ...extra }),
  boolean: (): JsonSchema => ({ type: 'boolean' }),
  enum: (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] }),
  /** An array; `maxItems` is the bound the code guarantees (give it wherever one exists). */
  array: (items: JsonSchema, maxItems?: number): JsonSchema => ({ type: 'array', items, ...(maxItems !== undefined ? { maxItems } : {}) }),
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
