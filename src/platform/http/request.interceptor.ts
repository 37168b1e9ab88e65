import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { from, lastValueFrom, Observable } from 'rxjs';
import { RequestContext, RequestContextStore, SYSTEM_ACTOR } from '../context/request-context';
import { TransactionalConnection } from '../database/transactional-connection';
import { IdempotencyRecord } from './idempotency-record.entity';
import { etagFor } from './if-match';
import { STATUS_KEY } from './openapi';
import { PlatformErrorCode, PlatformException } from './problem';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Wraps every request: the request context (request id, actor), one transaction per write
 * (retried on deadlock/serialization failure), Idempotency-Key handling for POST, and ETag
 * on responses that carry a version.
 */
@Injectable()
export class RequestInterceptor implements NestInterceptor {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const store: RequestContextStore = { requestId: String(request.id), actor: request.actor ?? SYSTEM_ACTOR, afterCommit: [] };
    const status = this.reflector.get<number>(STATUS_KEY, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);

    const run = async (): Promise<unknown> => {
      let result: unknown;
      if (!WRITE_METHODS.has(request.method)) {
        result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      } else {
        result = await this.db.withTransaction(() =>
          request.method === 'POST' && request.headers['idempotency-key'] !== undefined
            ? this.idempotent(request, reply, status, () => lastValueFrom(next.handle(), { defaultValue: undefined }))
            : lastValueFrom(next.handle(), { defaultValue: undefined }),
        );
      }
      const version = (result as { version?: unknown } | undefined)?.version;
      if (result && typeof result === 'object' && !Array.isArray(result) && Number.isInteger(version)) {
        reply.header('ETag', etagFor(version as number));
      }
      return result;
    };
    return from(RequestContext.run(store, run));
  }

  private async idempotent(request: FastifyRequest, reply: FastifyReply, status: number, handle: () => Promise<unknown>): Promise<unknown> {
    const key = String(request.headers['idempotency-key']);
    if (!KEY_PATTERN.test(key)) {
      throw new PlatformException(PlatformErrorCode.BadRequest, 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {}, [
        { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const scope = request.actor?.keyId ?? 'anonymous';
    // A streamed body (CSV import) cannot be hashed before it is read: the key then covers the
    // method, the URL with its query, the content type and the declared Content-Length.
    const body = request.body instanceof Readable ? `stream ${request.headers['content-type'] ?? ''} ${request.headers['content-length'] ?? 'chunked'}` : canonical(request.body);
    const requestHash = createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
    const manager = this.db.manager;
    const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 42)) AS locked', [`${scope} ${key}`]);
    if (!locked) {
      throw new PlatformException(PlatformErrorCode.IdempotencyRequestInProgress, 'A request with this Idempotency-Key is still being processed; retry shortly.', {}, undefined, { 'Retry-After': '1' });
    }
    const repo = manager.getRepository(IdempotencyRecord);
    const existing = await repo.findOneBy({ scope, key });
    if (existing && existing.expiresAt.getTime() > Date.now()) {
      if (existing.requestHash !== requestHash) {
        throw new PlatformException(PlatformErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was already used with a different request; use a new key for a new request.', {}, [
          { field: 'Idempotency-Key', message: 'was used with a different method, path or body' },
        ]);
      }
      reply.header('Idempotent-Replayed', 'true');
      reply.status(existing.statusCode);
      return existing.responseBody;
    }
    if (existing) await repo.delete({ scope, key });
    const result = await handle();
    const now = new Date();
    await repo.insert({
      scope,
      key,
      requestHash,
      statusCode: status,
      responseBody: (result ?? null) as object,
      createdAt: now,
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    });
    return result;
  }
}
