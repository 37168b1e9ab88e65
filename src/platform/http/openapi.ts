import { applyDecorators, HttpCode, SetMetadata, Type } from '@nestjs/common';
import {
  ApiExtension,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSecurity,
  getSchemaPath,
} from '@nestjs/swagger';
import { PlatformErrorCode, problemType } from './problem';

/** An incoming X-Request-Id is echoed only when it matches this; otherwise a UUID is generated. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const REQUEST_ID_MAX_LENGTH = 128;
/** `"<version>"`, optionally weak (`W/"3"`): a version is a positive integer of at most 15 digits. */
export const ETAG_MAX_LENGTH = 19;

export const SCOPES_KEY = 'required_scopes';
export const PUBLIC_KEY = 'public_route';
export const SECURITY_SCHEME = 'bearer';
export const STATUS_KEY = 'success_status';

/** Bounds of a problem body; the problem filter enforces them before sending (see `boundProblem`). */
export const PROBLEM_LIMITS = { detail: 2000, instance: 2048, errors: 100, field: 300, message: 500, title: 100, code: 64 } as const;

class FieldErrorDto {
  @ApiProperty({ example: 'workEmail', maxLength: PROBLEM_LIMITS.field }) field: string;
  @ApiProperty({ example: 'must be an email', maxLength: PROBLEM_LIMITS.message }) message: string;
}

/** RFC 9457 problem details, as every error is returned. */
export class ProblemDetailsDto {
  @ApiProperty({ description: 'URI naming the problem type.', example: problemType('validation_failed'), maxLength: PROBLEM_LIMITS.code + 30, pattern: '^urn:problem:backoffice:[a-z0-9_]+$' }) type: string;
  @ApiProperty({ example: 'Validation failed', maxLength: PROBLEM_LIMITS.title }) title: string;
  @ApiProperty({ example: 422, minimum: 400, maximum: 599 }) status: number;
  @ApiProperty({ example: '1 field failed validation: workEmail.', maxLength: PROBLEM_LIMITS.detail }) detail: string;
  @ApiProperty({ description: 'Stable machine-readable code; see the API description for the list.', example: 'validation_failed', maxLength: PROBLEM_LIMITS.code, pattern: '^[a-z0-9_]+$' }) code: string;
  @ApiProperty({ description: 'Path of the request.', example: '/hr/employees', maxLength: PROBLEM_LIMITS.instance }) instance: string;
  @ApiPropertyOptional({ description: 'Request id, also in the X-Request-Id header.', example: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10', maxLength: REQUEST_ID_MAX_LENGTH, pattern: REQUEST_ID_PATTERN.source }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], maxItems: PROBLEM_LIMITS.errors, description: `Every offending field (validation errors), the first ${PROBLEM_LIMITS.errors} of them.` }) errors?: FieldErrorDto[];
}

const EXAMPLES: Record<number, { code: string; title: string; detail: string; errors?: FieldErrorDto[] }> = {
  400: { code: PlatformErrorCode.InvalidPathParameter, title: 'Invalid path parameter', detail: 'Path parameter "id" must be a UUID.' },
  401: { code: PlatformErrorCode.Unauthenticated, title: 'Authentication required', detail: 'Send a valid API key as "Authorization: Bearer <key>".' },
  403: { code: PlatformErrorCode.MissingScope, title: 'Missing scope', detail: 'This operation needs the scope hr:write.' },
  404: { code: PlatformErrorCode.NotFound, title: 'Not found', detail: 'Employee 0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10 does not exist.' },
  409: { code: PlatformErrorCode.UniqueViolation, title: 'Already exists', detail: 'An employee with this work email already exists.' },
  412: { code: PlatformErrorCode.VersionMismatch, title: 'Version mismatch', detail: 'The employee has changed since you read it (your version 2, current 3). Fetch it again and retry.' },
  413: { code: PlatformErrorCode.PayloadTooLarge, title: 'Payload too large', detail: 'The request body exceeds the 1 MB limit.' },
  415: { code: PlatformErrorCode.UnsupportedMediaType, title: 'Unsupported media type', detail: 'Send request bodies as application/json.' },
  422: { code: PlatformErrorCode.ValidationFailed, title: 'Validation failed', detail: '1 field failed validation: workEmail.', errors: [{ field: 'workEmail', message: 'workEmail must be an email' }] },
  429: { code: PlatformErrorCode.RateLimited, title: 'Too many requests', detail: 'Rate limit of 1200 requests per minute exceeded; retry in 12 s.' },
  503: { code: PlatformErrorCode.ServiceUnavailable, title: 'Service unavailable', detail: 'The database is not reachable.' },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: bad JSON, a path parameter that is not a UUID, or a bad cursor.',
  401: 'Missing, unknown or revoked API key.',
  403: 'The API key lacks the required scope (`code: missing_scope`).',
  404: 'The resource does not exist.',
  409: 'Conflict with the current state (duplicate, invalid state transition, request in progress).',
  412: 'If-Match does not match the current version (`code: version_mismatch`).',
  413: 'Request body over 1 MB.',
  415: 'Request body is not JSON.',
  422: 'Validation failed; `errors` lists every bad field.',
  429: 'Rate limit exceeded; see Retry-After.',
  503: 'Not ready.',
};

export function ApiProblem(status: number, description?: string, example?: Partial<(typeof EXAMPLES)[number]>) {
  const base = { ...EXAMPLES[status], ...example };
  return ApiResponse({
    status,
    description: description ?? DESCRIPTIONS[status],
    content: {
      'application/problem+json': {
        schema: { $ref: getSchemaPath(ProblemDetailsDto) },
        example: { type: problemType(base.code), status, instance: '/hr/employees', requestId: '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10', ...base },
      },
    },
  });
}

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** Scopes the key must hold (all of them). Omit with `public: true`. */
  scopes?: string[];
  public?: boolean;
  /** Success response. */
  status?: number;
  type?: Type<unknown> | [Type<unknown>];
  responseDescription?: string;
  /** Extra documented error statuses beyond the ones every operation has. */
  errors?: number[];
  /** POST: documents Idempotency-Key. */
  idempotent?: boolean;
  /** PATCH and actions: documents If-Match. */
  ifMatch?: boolean;
  /** Single-resource GET and writes returning one: documents the ETag response header. */
  etag?: boolean;
  /** The request has a JSON body (documents 413/415). */
  body?: boolean;
  /** An update (PATCH/PUT) that records nothing when it changes nothing: documents it. */
  noOp?: boolean;
}

export const NO_OP_UPDATE = 'An update that changes nothing returns the resource unchanged (same `version` and ETag), records no audit entry and emits no event.';

/** One decorator for everything an operation declares: docs, scopes, headers, errors. */
export function Endpoint(o: EndpointOptions) {
  const scopes = o.scopes ?? [];
  const status = o.status ?? 200;
  const decorators: Array<ClassDecorator | MethodDecorator | PropertyDecorator> = [
    ApiExtraModels(ProblemDetailsDto),
    ApiOperation({
      summary: o.summary,
      description: [o.description, o.noOp ? NO_OP_UPDATE : undefined, o.public ? 'No API key needed.' : `Required scope: ${scopes.map((s) => `\`${s}\``).join(', ')}.`]
        .filter(Boolean)
        .join('\n\n'),
    }),
    HttpCode(status),
    SetMetadata(STATUS_KEY, status),
  ];
  if (o.public) {
    decorators.push(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-required-scopes', []));
  } else {
    decorators.push(
      SetMetadata(SCOPES_KEY, scopes),
      // OpenAPI 3.0 allows scope lists only for OAuth schemes; API-key scopes go in x-required-scopes.
      ApiSecurity(SECURITY_SCHEME, []),
      ApiExtension('x-required-scopes', scopes),
      ApiProblem(401),
      ApiProblem(403, undefined, { detail: `This operation needs the scope ${scopes[0] ?? 'admin'}.` }),
      ApiProblem(429),
    );
  }
  const headers: Record<string, { description: string; schema: Record<string, unknown> }> = {
    'X-Request-Id': { description: 'Request id (echoed when the request sends a valid one, or generated).', schema: { type: 'string', maxLength: REQUEST_ID_MAX_LENGTH, pattern: REQUEST_ID_PATTERN.source } },
  };
  if (o.etag) headers.ETag = { description: 'Current version of the resource, for If-Match.', schema: { type: 'string', maxLength: ETAG_MAX_LENGTH, pattern: '^"\\d{1,15}"$', example: '"3"' } };
  if (status === 204) {
    decorators.push(ApiResponse({ status, description: o.responseDescription ?? 'Done.', headers }));
  } else {
    decorators.push(ApiResponse({ status, description: o.responseDescription ?? 'Success.', type: o.type as Type<unknown>, headers }));
  }
  if (o.idempotent) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description: 'Makes the POST safe to retry for 24 h: the same key and body replay the first response (with `Idempotent-Replayed: true`); the same key with another body is 422 `idempotency_key_reused`; while the first is still running, 409 `idempotency_request_in_progress`.',
        schema: { type: 'string', maxLength: 255, example: '6f1c2b7e-4a1d-4e8b-9c3e-2f5a7d9b1c0e' },
      }),
    );
  }
  if (o.ifMatch) {
    decorators.push(
      ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you last read; a stale one is refused with 412 `version_mismatch`.', schema: { type: 'string', maxLength: ETAG_MAX_LENGTH, example: '"3"' } }),
      ApiProblem(412),
    );
  }
  if (!o.public && (o.idempotent || o.ifMatch || o.body)) {
    decorators.push(ApiHeader({ name: 'X-Acting-User', required: false, description: 'The person the calling system acts for; recorded in the audit trail.', schema: { type: 'string', maxLength: 200, example: 'jane.doe@example.com' } }));
  }
  if (o.body) decorators.push(ApiProblem(413), ApiProblem(415));
  const errors = new Set([400, ...(o.body ? [422] : []), ...(o.errors ?? [])]);
  for (const s of [...errors].sort()) if (![401, 403, 412, 413, 415, 429].includes(s)) decorators.push(ApiProblem(s));
  return applyDecorators(...decorators);
}
