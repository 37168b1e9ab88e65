export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDefinition {
  status: number;
  title: string;
}

/** Every error the API returns is one of these, rendered as RFC 9457 problem+json. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export enum PlatformErrorCode {
  BadRequest = 'bad_request',
  MalformedJson = 'malformed_json',
  InvalidPathParameter = 'invalid_path_parameter',
  InvalidCursor = 'invalid_cursor',
  ValidationFailed = 'validation_failed',
  Unauthenticated = 'unauthenticated',
  MissingScope = 'missing_scope',
  NotFound = 'not_found',
  MethodNotAllowed = 'method_not_allowed',
  VersionMismatch = 'version_mismatch',
  IdempotencyKeyReused = 'idempotency_key_reused',
  IdempotencyRequestInProgress = 'idempotency_request_in_progress',
  UniqueViolation = 'unique_violation',
  InvalidReference = 'invalid_reference',
  StillReferenced = 'still_referenced',
  ConstraintViolation = 'constraint_violation',
  InvalidStateTransition = 'invalid_state_transition',
  ConcurrentUpdate = 'concurrent_update',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  RateLimited = 'rate_limited',
  ServiceUnavailable = 'service_unavailable',
  InternalError = 'internal_error',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const PLATFORM_PROBLEMS: Record<PlatformErrorCode, ProblemDefinition> = {
  [PlatformErrorCode.BadRequest]: { status: 400, title: 'Bad request' },
  [PlatformErrorCode.MalformedJson]: { status: 400, title: 'Malformed JSON body' },
  [PlatformErrorCode.InvalidPathParameter]: { status: 400, title: 'Invalid path parameter' },
  [PlatformErrorCode.InvalidCursor]: { status: 400, title: 'Invalid pagination cursor' },
  [PlatformErrorCode.ValidationFailed]: { status: 422, title: 'Validation failed' },
  [PlatformErrorCode.Unauthenticated]: { status: 401, title: 'Authentication required' },
  [PlatformErrorCode.MissingScope]: { status: 403, title: 'Missing scope' },
  [PlatformErrorCode.NotFound]: { status: 404, title: 'Not found' },
  [PlatformErrorCode.MethodNotAllowed]: { status: 405, title: 'Method not allowed' },
  [PlatformErrorCode.VersionMismatch]: { status: 412, title: 'Version mismatch' },
  [PlatformErrorCode.IdempotencyKeyReused]: { status: 422, title: 'Idempotency key reused with another request' },
  [PlatformErrorCode.IdempotencyRequestInProgress]: { status: 409, title: 'Request with this idempotency key is in progress' },
  [PlatformErrorCode.UniqueViolation]: { status: 409, title: 'Already exists' },
  [PlatformErrorCode.InvalidReference]: { status: 422, title: 'Invalid reference' },
  [PlatformErrorCode.StillReferenced]: { status: 409, title: 'Still referenced' },
  [PlatformErrorCode.ConstraintViolation]: { status: 422, title: 'Constraint violated' },
  [PlatformErrorCode.InvalidStateTransition]: { status: 409, title: 'Invalid state transition' },
  [PlatformErrorCode.ConcurrentUpdate]: { status: 409, title: 'Concurrent update, retry' },
  [PlatformErrorCode.PayloadTooLarge]: { status: 413, title: 'Payload too large' },
  [PlatformErrorCode.UnsupportedMediaType]: { status: 415, title: 'Unsupported media type' },
  [PlatformErrorCode.RateLimited]: { status: 429, title: 'Too many requests' },
  [PlatformErrorCode.ServiceUnavailable]: { status: 503, title: 'Service unavailable' },
  [PlatformErrorCode.InternalError]: { status: 500, title: 'Internal server error' },
};

export class PlatformException extends ProblemException {
  constructor(
    code: PlatformErrorCode,
    detail: string,
    extensions: Record<string, unknown> = {},
    errors?: FieldError[],
    headers: Record<string, string> = {},
  ) {
    const def = PLATFORM_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, errors, headers);
  }
}

export const problemType = (code: string) => `urn:problem:backoffice:${code}`;

export class NotFoundProblem extends PlatformException {
  constructor(entity: string, id: string) {
    super(PlatformErrorCode.NotFound, `${entity} ${id} does not exist.`, { entity, id });
  }
}

/** Database constraints named in migrations, mapped to the API field they guard. */
export interface ConstraintInfo {
  field: string;
  message: string;
}
const constraints = new Map<string, ConstraintInfo>();
export function registerConstraints(map: Record<string, ConstraintInfo>): void {
  for (const [name, info] of Object.entries(map)) constraints.set(name, info);
}
export function constraintInfo(name: string | undefined): ConstraintInfo | undefined {
  return name ? constraints.get(name) : undefined;
}
