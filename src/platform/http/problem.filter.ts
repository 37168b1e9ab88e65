import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import {
  constraintInfo,
  FieldError,
  PlatformErrorCode,
  PlatformException,
  ProblemException,
  problemType,
} from './problem';
import { PROBLEM_LIMITS } from './openapi';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Keeps a problem body within the bounds its schema documents (ProblemDetailsDto). */
export function boundProblem(body: { detail: string; instance?: string; errors?: FieldError[] }): void {
  body.detail = clip(body.detail, PROBLEM_LIMITS.detail);
  if (body.instance !== undefined) body.instance = clip(body.instance, PROBLEM_LIMITS.instance);
  if (body.errors) {
    body.errors = body.errors.slice(0, PROBLEM_LIMITS.errors).map((e) => ({ field: clip(e.field, PROBLEM_LIMITS.field), message: clip(e.message, PROBLEM_LIMITS.message) }));
  }
}

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
}

const HTTP_STATUS_CODES: Record<number, PlatformErrorCode> = {
  400: PlatformErrorCode.BadRequest,
  401: PlatformErrorCode.Unauthenticated,
  403: PlatformErrorCode.MissingScope,
  404: PlatformErrorCode.NotFound,
  405: PlatformErrorCode.MethodNotAllowed,
  413: PlatformErrorCode.PayloadTooLarge,
  415: PlatformErrorCode.UnsupportedMediaType,
  429: PlatformErrorCode.RateLimited,
  503: PlatformErrorCode.ServiceUnavailable,
};

/** Turns a PostgreSQL error into the problem a client can act on (by SQLSTATE, never by message). */
export function problemFromDatabaseError(err: QueryFailedError): ProblemException | undefined {
  const pg = err.driverError as PgError;
  const info = constraintInfo(pg.constraint);
  const field = info?.field ?? pg.column;
  switch (pg.code) {
    case '23505':
      return new PlatformException(
        PlatformErrorCode.UniqueViolation,
        info?.message ?? 'A resource with the same unique value already exists.',
        { field },
        field ? [{ field, message: info?.message ?? 'must be unique' }] : undefined,
      );
    case '23503': {
      const isDelete = /^\s*delete/i.test(err.query ?? '');
      if (isDelete) {
        return new PlatformException(
          PlatformErrorCode.StillReferenced,
          `This resource is still referenced${pg.table ? ` by ${pg.table.replace(/_/g, ' ')}` : ''}; remove those references first.`,
          { referencedBy: pg.table },
        );
      }
      return new PlatformException(
        PlatformErrorCode.InvalidReference,
        info?.message ?? 'A referenced resource does not exist.',
        { field },
        field ? [{ field, message: info?.message ?? 'refers to a resource that does not exist' }] : undefined,
      );
    }
    case '23514':
    case '23502':
      return new PlatformException(
        PlatformErrorCode.ConstraintViolation,
        info?.message ?? 'The request breaks a rule of the data model.',
        { field },
        field ? [{ field, message: info?.message ?? 'is not allowed' }] : undefined,
      );
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021':
    case '22P05':
      return new PlatformException(PlatformErrorCode.ValidationFailed, 'A value is out of range or malformed.', {});
    case '40001':
    case '40P01':
      return new PlatformException(PlatformErrorCode.ConcurrentUpdate, 'The request conflicted with concurrent updates; retry it.', {}, undefined, { 'Retry-After': '1' });
    case '57014':
      return new PlatformException(PlatformErrorCode.ServiceUnavailable, 'The query took too long and was cancelled.', {});
    default:
      return undefined;
  }
}

/** Maps any thrown error to application/problem+json. 5xx bodies never carry internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      // Never log query parameters: they can hold personal data.
      const err = exception as { name?: string; message?: string; stack?: string; code?: string };
      this.logger.error({ error: { name: err?.name, message: err?.message, code: err?.code, stack: err?.stack }, requestId: request?.id, url: request?.url?.split('?')[0] }, 'unhandled error');
    }
    const body: Record<string, unknown> = {
      type: problemType(problem.code),
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      code: problem.code,
      instance: request?.url?.split('?')[0],
      requestId: request?.id,
      ...problem.extensions,
    };
    if (problem.errors?.length) body.errors = problem.errors;
    boundProblem(body as Parameters<typeof boundProblem>[0]);
    for (const [k, v] of Object.entries(problem.headers)) reply.header(k, v);
    reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, request: FastifyRequest | undefined): ProblemException {
    // Nest wraps Fastify's own errors (body parsing, limits) in an HttpException; use the original's code.
    const cause = exception instanceof HttpException ? (exception.cause as { statusCode?: unknown } | undefined) : undefined;
    if (cause && typeof cause.statusCode === 'number') exception = cause;
    if (exception instanceof ProblemException) return exception;
    if (exception instanceof QueryFailedError) {
      return problemFromDatabaseError(exception) ?? this.internal();
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) {
        return new PlatformException(PlatformErrorCode.NotFound, `No route matches ${request?.method ?? ''} ${request?.url?.split('?')[0] ?? ''}.`.replace('  ', ' '));
      }
      const code = HTTP_STATUS_CODES[status];
      if (code) return new PlatformException(code, exception.message);
      return status >= 500 ? this.internal() : new ProblemException(status, 'http_error', exception.name, exception.message);
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string; name?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      if (fastifyError.code === 'FST_REQ_FILE_TOO_LARGE') {
        return new PlatformException(PlatformErrorCode.PayloadTooLarge, 'The uploaded file exceeds the size limit of this endpoint.');
      }
      if (status === 413) {
        return fastifyError.code?.startsWith('FST_') && fastifyError.code !== 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? new PlatformException(PlatformErrorCode.PayloadTooLarge, `The multipart request has too many parts: ${fastifyError.message ?? ''}`.trim())
          : new PlatformException(PlatformErrorCode.PayloadTooLarge, 'The request body exceeds the 1 MB limit.');
      }
      if (status === 415) return new PlatformException(PlatformErrorCode.UnsupportedMediaType, 'Send request bodies as application/json.');
      if (status === 400 && (fastifyError.name === 'SyntaxError' || /JSON/i.test(`${fastifyError.code ?? ''} ${fastifyError.message ?? ''}`))) {
        return new PlatformException(PlatformErrorCode.MalformedJson, `The request body is not valid JSON: ${fastifyError.message ?? ''}`.trim());
      }
      const code = HTTP_STATUS_CODES[status] ?? PlatformErrorCode.BadRequest;
      return new PlatformException(code, fastifyError.message ?? 'Bad request.');
    }
    return this.internal();
  }

  private internal(): ProblemException {
    return new PlatformException(PlatformErrorCode.InternalError, 'An unexpected error occurred. It has been logged; quote the requestId when reporting it.');
  }
}
