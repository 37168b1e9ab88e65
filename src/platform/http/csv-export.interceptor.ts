import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { FastifyRequest } from 'fastify';
import { AsyncResource } from 'node:async_hooks';
import { Readable } from 'node:stream';
import { lastValueFrom, Observable } from 'rxjs';
import { MAX_LIMIT, Page } from './pagination';

const MODEL_PROPERTIES = 'swagger/apiModelPropertiesArray';
const MODEL_PROPERTY = 'swagger/apiModelProperties';
const API_RESPONSE = 'swagger/apiResponse';

type Ctor = new () => unknown;

/** The item class of a list endpoint (its 200 response is a `pageOf(Item)`), or undefined. */
export function listItemType(handler: object): Ctor | undefined {
  const responses = Reflect.getMetadata(API_RESPONSE, handler) as Record<string, { type?: unknown }> | undefined;
  const pageType = responses?.['200']?.type as Ctor | undefined;
  if (typeof pageType !== 'function') return undefined;
  const props = (Reflect.getMetadata(MODEL_PROPERTIES, pageType.prototype) as string[] | undefined) ?? [];
  if (!props.includes(':data') || !props.includes(':nextCursor')) return undefined;
  const data = Reflect.getMetadata(MODEL_PROPERTY, pageType.prototype, 'data') as { type?: unknown } | undefined;
  const item = Array.isArray(data?.type) ? data.type[0] : data?.type;
  return typeof item === 'function' ? (item as Ctor) : undefined;
}

/** Column names of an item class, in declaration order (inherited properties first). */
export function csvColumns(item: Ctor): string[] {
  return ((Reflect.getMetadata(MODEL_PROPERTIES, item.prototype) as string[] | undefined) ?? []).map((p) => p.replace(/^:/, ''));
}

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One cell: nested values as JSON, null as empty. A text starting with =, +, -, @ (that is not a
 * number) is prefixed with an apostrophe, so a spreadsheet does not run it as a formula
 * (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return FORMULA.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept
    .split(',')
    .map((part) => part.split(';')[0].trim().toLowerCase())
    .includes('text/csv');
}

/**
 * `Accept: text/csv` on any list endpoint streams every row that matches the same filters and
 * sort as CSV: the handler is called page after page (keyset, 200 rows a page) and each page is
 * written before the next is read, so memory stays bounded by one page whatever the size.
 * The first page is read before the response starts, so a bad filter is still a 4xx problem.
 */
@Injectable()
export class CsvExportInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'GET' || !wantsCsv(request.headers.accept)) return next.handle();
    const item = listItemType(context.getHandler());
    if (!item) return next.handle();
    const columns = csvColumns(item);
    const query = request.query as Record<string, unknown>;
    query.limit = String(MAX_LIMIT);
    // Pages after the first are read while the response streams: keep this request's context.
    const fetchPage = AsyncResource.bind(async (cursor: string | undefined) => {
      if (cursor === undefined) delete query.cursor;
      else query.cursor = cursor;
      return (await lastValueFrom(next.handle())) as Page<Record<string, unknown>>;
    });
    const toCsv = (rows: Array<Record<string, unknown>>, header: boolean) =>
      stringify(
        rows.map((r) => columns.map((c) => csvCell(r[c]))),
        { header, columns, record_delimiter: 'windows' },
      );
    return new Observable((subscriber) => {
      fetchPage(typeof query.cursor === 'string' ? query.cursor : undefined)
        .then((first) => {
          async function* pages(): AsyncGenerator<string> {
            yield toCsv(first.data, true);
            let cursor = first.nextCursor;
            while (cursor) {
              const page = await fetchPage(cursor);
              if (page.data.length) yield toCsv(page.data, false);
              cursor = page.nextCursor;
            }
          }
          const path = request.url.split('?')[0].replace(/^\//, '').replace(/[^A-Za-z0-9]+/g, '-');
          subscriber.next(new StreamableFile(Readable.from(pages()), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${path}.csv"` }));
          subscriber.complete();
        })
        .catch((err: unknown) => subscriber.error(err));
    });
  }
}

