import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { createRootLogger, PinoNestLogger } from './platform/logging/logger';
import { PlatformErrorCode, PlatformException } from './platform/http/problem';
import { createValidationPipe, STREAMED_BODY } from './platform/http/validation';
import { bufferUploadedFile } from './platform/http/upload';
import { API_SECURITY_HEADERS, DOCS_SECURITY_HEADERS } from './platform/http/security-headers';
import { setupOpenApi } from './openapi';
import { REQUEST_ID_PATTERN } from './platform/http/openapi';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  config: AppConfig;
  databaseUrl: string;
  offline?: boolean;
  logger?: Logger;
}

/** Builds the whole application; main.ts, the tests and the scripts all start here. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = options.logger ?? createRootLogger(config.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, databaseUrl: options.databaseUrl, offline: options.offline }),
    adapter,
    // Fastify's own JSON parser: its errors carry codes (FST_ERR_CTP_*) the problem filter maps.
    { logger: new PinoNestLogger(logger), bufferLogs: false, abortOnError: false, bodyParser: false },
  );

  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser(['text/plain']); // JSON only: anything else is 415
  // Streamed CSV bodies: a route declaring `@RouteConfig({ [STREAMED_BODY]: 'text/csv' })` gets the
  // request stream itself as its body (never buffered; it enforces its own size limit); any other
  // route refuses text/csv with 415 like every non-JSON body.
  fastify.addContentTypeParser('text/csv', (request, payload, done) => {
    if ((request.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[STREAMED_BODY] === 'text/csv') return done(null, payload);
    done(Object.assign(new Error('Unsupported Media Type: text/csv'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }));
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/docs') ? DOCS_SECURITY_HEADERS : API_SECURITY_HEADERS);
    reply.header('X-Request-Id', request.id);
    done();
  });
  const origins = config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length) {
    await app.register(cors as never, {
      origin: origins.includes('*') ? true : origins,
      exposedHeaders: ['ETag', 'X-Request-Id', 'Idempotent-Replayed', 'Retry-After'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id', 'X-Acting-User'],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    });
  }
  await app.register(rateLimit as never, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (req: { url: string }) => req.url.startsWith('/health/'),
    // Per API key (hashed; the key itself is never kept); per address without one.
    keyGenerator: (req: { headers: Record<string, unknown>; ip: string }) => {
      const auth = req.headers.authorization;
      return typeof auth === 'string' && auth ? `key:${createHash('sha256').update(auth).digest('hex')}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req: unknown, ctx: { max: number; after: string }) =>
      new PlatformException(PlatformErrorCode.RateLimited, `Rate limit of ${ctx.max} requests per minute exceeded for this API key; retry in ${ctx.after}.`),
  });

  // Uploads (multipart/form-data): one file per request, buffered and hashed before the handler
  // runs, so the Idempotency-Key body hash covers it; endpoints read it with `readUpload`.
  await app.register(multipart as never, {
    attachFieldsToBody: 'keyValues',
    onFile: bufferUploadedFile,
    limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 21, headerPairs: 100 },
  });

  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  await app.init();
  await fastify.ready();
  return app;
}
