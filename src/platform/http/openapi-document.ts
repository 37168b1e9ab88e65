import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { ApiParam, type OpenAPIObject } from '@nestjs/swagger';
import { ParseUuidPipe } from './validation';

type Json = { [key: string]: unknown };

/** Headers every rate-limited response carries (@fastify/rate-limit), and the CORS origin header. */
export const RESPONSE_HEADERS: Json = {
  'X-RateLimit-Limit': { description: 'Requests allowed per minute for this API key (per instance).', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 1000000, example: 1200 } },
  'X-RateLimit-Remaining': { description: 'Requests left in the current window.', schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1000000, example: 1187 } },
  'X-RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 60, example: 42 } },
  'Retry-After': { description: 'Seconds to wait before retrying (sent with 429, and with 409 `idempotency_request_in_progress`).', schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 86400, example: 12 } },
  'Access-Control-Allow-Origin': {
    description: 'Present when the request carries an `Origin` allowed by the `CORS_ORIGINS` setting (CORS is off when it is empty).',
    schema: { type: 'string', maxLength: 2048, format: 'uri', example: 'https://frontoffice.example.com' },
  },
};

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });
const RATE_LIMITED_REFS = Object.fromEntries(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Access-Control-Allow-Origin'].map((n) => [n, ref(n)]));

/** Lengths that follow from a string's format: a UUID is 36 characters, a date 10, an instant at most 35. */
const FORMAT_MAX_LENGTH: Record<string, number> = { uuid: 36, date: 10, 'date-time': 35 };

function walk(node: unknown, visit: (schema: Json) => void): void {
  if (Array.isArray(node)) {
    node.forEach((n) => walk(n, visit));
    return;
  }
  if (!node || typeof node !== 'object') return;
  visit(node as Json);
  for (const value of Object.values(node as Json)) walk(value, visit);
}

/**
 * Final touches on the generated document, all of them statements of fact about the running API:
 * - every 2xx and 4xx response of a rate-limited path documents the rate-limit and CORS headers
 *   (the health probes are exempt from rate limiting, so theirs carry only the CORS header), and
 *   429 responses their Retry-After;
 * - every list endpoint (a 200 `{ data, nextCursor }` page) also answers `text/csv`;
 * - a string with a fixed-size format (uuid, date, date-time) states its maximum length.
 */
export function finalizeDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {}) as Json;
  components.headers = { ...((components.headers as Json | undefined) ?? {}), ...RESPONSE_HEADERS };
  for (const [path, item] of Object.entries(document.paths)) {
    const rateLimited = !path.startsWith('/health/');
    for (const operation of Object.values(item as Json)) {
      const responses = (operation as Json | undefined)?.responses as Json | undefined;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (!/^[24]/.test(status) || !response || typeof response !== 'object' || '$ref' in (response as Json)) continue;
        const r = response as Json;
        const refs: Json = rateLimited ? { ...RATE_LIMITED_REFS } : { 'Access-Control-Allow-Origin': ref('Access-Control-Allow-Origin') };
        if (status === '429') refs['Retry-After'] = ref('Retry-After');
        r.headers = { ...refs, ...((r.headers as Json | undefined) ?? {}) };
      }
    }
  }
  documentCsvExports(document);
  walk(document, (schema) => {
    if (schema.type === 'string' && typeof schema.format === 'string' && schema.maxLength === undefined && FORMAT_MAX_LENGTH[schema.format]) {
      schema.maxLength = FORMAT_MAX_LENGTH[schema.format];
    }
  });
  return document;
}

/** Lists answer `Accept: text/csv` with every matching row (see CsvExportInterceptor). */
function documentCsvExports(document: OpenAPIObject): void {
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  for (const item of Object.values(document.paths)) {
    const get = (item as Json).get as Json | undefined;
    const ok = (get?.responses as Json | undefined)?.['200'] as Json | undefined;
    const content = ok?.content as Record<string, Json> | undefined;
    const ref = (content?.['application/json']?.schema as Json | undefined)?.$ref;
    if (!content || typeof ref !== 'string') continue;
    const page = schemas[ref.replace('#/components/schemas/', '')];
    const props = page?.properties as Json | undefined;
    if (!props?.data || !props?.nextCursor) continue;
    content['text/csv'] = {
      schema: {
        type: 'string',
        maxLength: 2147483647,
        description:
          'With `Accept: text/csv`: every row matching the same filters and sort (not one page; `limit` is ignored, `cursor` starts later), streamed. ' +
          'A header row of the item\'s field names; nested values as JSON; empty for null; CRLF line ends; text that a spreadsheet would run as a formula is prefixed with an apostrophe.',
      },
      example: 'id,name\r\n0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10,Example\r\n',
    };
  }
}

const UUID_PARAM_DOCUMENTED = Symbol('uuidParamDocumented');

/**
 * Documents every path parameter bound with `ParseUuidPipe` as what the pipe accepts (a UUID,
 * 36 characters), so controllers need no `@ApiParam` of their own. Call before `createDocument`.
 */
export function documentUuidPathParameters(app: INestApplication): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { data?: unknown; pipes?: unknown[] }>;
        const descriptor = Object.getOwnPropertyDescriptor(controller.prototype, method);
        if (!descriptor || typeof descriptor.value !== 'function' || (descriptor.value as Record<symbol, boolean>)[UUID_PARAM_DOCUMENTED]) continue;
        for (const [key, arg] of Object.entries(args)) {
          if (Number(key.split(':')[0]) !== RouteParamtypes.PARAM || typeof arg.data !== 'string') continue;
          if (!(arg.pipes ?? []).some((p) => p === ParseUuidPipe || p instanceof ParseUuidPipe)) continue;
          ApiParam({ name: arg.data, required: true, description: 'A UUID.', schema: { type: 'string', format: 'uuid', maxLength: 36, example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10' } })(controller.prototype, method, descriptor);
        }
        (descriptor.value as Record<symbol, boolean>)[UUID_PARAM_DOCUMENTED] = true;
      }
    }
  }
}
