import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { UUID_PATTERN } from '../database/ids';
import { FieldError, PlatformErrorCode, PlatformException } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({ field, message: message.startsWith('property ') ? 'is not a known field' : message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Fastify route config key: the route takes its body as a stream of this content type (see app.factory.ts). */
export const STREAMED_BODY = 'streamedBody';

const QUERY_CACHE_SIZE = 500;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text the database and validators can hold: well-formed UTF-16 (no lone surrogates), no NUL. */
function findBadText(value: unknown, path: string, out: FieldError[], depth = 0): void {
  if (depth > 32 || out.length >= 50) return;
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value) || value.includes('\u0000')) out.push({ field: path || '(body)', message: 'must be valid Unicode text without NUL characters' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findBadText(v, `${path}[${i}]`, out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) findBadText(v, path ? `${path}.${k}` : k, out, depth + 1);
  }
}

const API_PROPERTY = 'swagger/apiModelProperties';
const SCALARS = new Set<unknown>([String, Number, Boolean, Date, Object, Array]);

/** The class a documented property holds: `type: X`, `type: [X]` or a lazy `type: () => X | [X]`. */
function schemaType(type: unknown): unknown {
  // Arrow functions have no prototype; classes do.
  const t = typeof type === 'function' && !(type as { prototype?: unknown }).prototype ? (type as () => unknown)() : type;
  return Array.isArray(t) ? t[0] : t;
}

/**
 * `null` is accepted only where the documented schema says `nullable` (it clears an optional
 * field); elsewhere `@IsOptional()` would let it through to code that expects a value.
 */
function findIllegalNulls(value: unknown, metatype: unknown, path: string, out: FieldError[], depth = 0): void {
  if (depth > 16 || !value || typeof value !== 'object' || typeof metatype !== 'function' || SCALARS.has(metatype)) return;
  const proto = (metatype as { prototype: object }).prototype;
  for (const [key, v] of Object.entries(value)) {
    const meta = Reflect.getMetadata(API_PROPERTY, proto, key) as { nullable?: boolean; type?: unknown; isArray?: boolean } | undefined;
    if (!meta) continue; // unknown fields are refused by the whitelist
    const field = path ? `${path}.${key}` : key;
    if (v === null) {
      if (!meta.nullable) out.push({ field, message: `${key} must not be null` });
      continue;
    }
    const type = schemaType(meta.type);
    if (Array.isArray(v)) v.forEach((item, i) => findIllegalNulls(item, type, `${field}[${i}]`, out, depth + 1));
    else findIllegalNulls(v, type, field, out, depth + 1);
  }
}

/**
 * Body and query DTOs: text that is not valid Unicode is refused before any validator sees it,
 * unknown fields are refused, and every bad field is listed (422).
 */
class AppValidationPipe extends ValidationPipe {
  /** Validated query DTOs by input: list calls repeat the same few queries, and validation is pure. */
  private readonly queryCache = new Map<unknown, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && metadata.metatype && value && typeof value === 'object') {
      const key = JSON.stringify(value);
      let byInput = this.queryCache.get(metadata.metatype);
      const hit = byInput?.get(key);
      if (hit) return Object.assign(Object.create(Object.getPrototypeOf(hit)), hit);
      const result = (await this.validateText(value, metadata)) as object;
      if (!byInput) this.queryCache.set(metadata.metatype, (byInput = new Map()));
      if (byInput.size >= QUERY_CACHE_SIZE) byInput.delete(byInput.keys().next().value as string);
      byInput.set(key, result);
      return Object.assign(Object.create(Object.getPrototypeOf(result)), result);
    }
    return this.validateText(value, metadata);
  }

  private async validateText(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const bad: FieldError[] = [];
      findBadText(value, '', bad);
      if (metadata.type === 'body') findIllegalNulls(value, metadata.metatype, '', bad);
      if (bad.length) {
        throw new PlatformException(PlatformErrorCode.ValidationFailed, `${bad.length} field${bad.length === 1 ? '' : 's'} failed validation: ${bad.map((e) => e.field).join(', ')}.`, {}, bad);
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      const body = list.length === 1 && list[0].field === '' ? [{ field: '(body)', message: list[0].message }] : list;
      return new PlatformException(
        PlatformErrorCode.ValidationFailed,
        `${body.length} field${body.length === 1 ? '' : 's'} failed validation: ${body.map((e) => e.field).join(', ')}.`,
        {},
        body,
      );
    },
  });
}

/** A path id that is not a UUID is a client error (400), never a database error. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
      const name = metadata.data ?? 'id';
      throw new PlatformException(PlatformErrorCode.InvalidPathParameter, `Path parameter "${name}" must be a UUID.`, {}, [
        { field: name, message: 'must be a UUID' },
      ]);
    }
    return value.toLowerCase();
  }
}
