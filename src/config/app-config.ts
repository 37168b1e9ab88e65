import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined ? value : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const trimToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Every environment variable the process reads, with its rule and default. */
export class EnvironmentSchema {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = '0.0.0.0';

  @IsOptional() @Transform(trimToUndefined) @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string = undefined;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional() @IsString()
  DATA_DIR = '.data';

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * Hot reads run as named prepared statements (parsed and planned once per connection). Turn off
   * behind a pooler that cannot track them (PgBouncer in transaction mode before 1.21, or without
   * `max_prepared_statements`).
   */
  @IsOptional() @Transform(toBool)
  DB_PREPARED_STATEMENTS = true;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Comma-separated list of allowed origins, `*` for any; empty disables CORS. */
  @IsOptional() @IsString()
  CORS_ORIGINS = '';

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Largest file accepted by an upload endpoint (multipart/form-data), in bytes; modules may set lower limits. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

  /** Largest CSV body accepted by `POST /imports` (streamed, never held in memory), in bytes. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(2 * 1024 * 1024 * 1024)
  IMPORT_MAX_BYTES = 50 * 1024 * 1024;

  @IsOptional() @Transform(trimToUndefined) @IsString() @MinLength(24) @MaxLength(200)
  @Matches(/^[A-Za-z0-9_\-.]+$/, { message: 'may contain only letters, digits, "_", "-" and "."' })
  BOOTSTRAP_ADMIN_KEY?: string = undefined;

  /** How long a verified API key is trusted before it is looked up again (revocation delay). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(5000)
  API_KEY_CACHE_TTL_MS = 5000;

  @IsOptional() @Transform(toInt) @IsInt() @Min(50) @Max(60_000)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  @IsOptional() @Transform(toBool)
  JOBS_ENABLED = true;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(120_000)
  SHUTDOWN_GRACE_MS = 10_000;

  @IsOptional() @IsString()
  COMPANY_TIME_ZONE = 'UTC';

  /** Payroll four-eyes rule: the API key that calculated a pay run cannot approve it. */
  @IsOptional() @Transform(toBool)
  PAYROLL_FOUR_EYES = true;
  /**
   * Webhook target hosts (comma-separated names or IP literals) exempt from the https rule and
   * from the private/loopback/link-local address refusal, e.g. `127.0.0.1` in tests.
   */
  @IsOptional() @IsString() @MaxLength(2000)
  WEBHOOK_ALLOWED_HOSTS = '';

  /** Seconds to wait before each retry of a failed webhook delivery (jittered ±20%); even with the jitter the default spans over 30 h. */
  @IsOptional() @IsString() @Matches(/^\d{1,6}(,\d{1,6}){0,29}$/, { message: 'must be 1 to 30 comma-separated whole seconds' })
  WEBHOOK_RETRY_SCHEDULE = '5,300,1800,7200,18000,36000,36000,36000';

  /** Longest a webhook receiver may take to answer (connect, headers and body). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** A subscription whose deliveries have failed without a success for this many days is disabled. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(90)
  WEBHOOK_DISABLE_AFTER_DAYS = 5;

  /** After a secret rotation, how long the previous secret still signs (when the request names no period). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(604_800)
  WEBHOOK_SECRET_OVERLAP_SECONDS = 86_400;
}

export type AppConfig = Readonly<
  Omit<EnvironmentSchema, 'JOBS_ENABLED' | 'PAYROLL_FOUR_EYES' | 'DB_PREPARED_STATEMENTS'> & { JOBS_ENABLED: boolean; PAYROLL_FOUR_EYES: boolean; DB_PREPARED_STATEMENTS: boolean }
>;

export class ConfigError extends Error {}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates the environment once at boot. Throws a ConfigError whose message is one line
 * per bad variable, naming it, so start-up stops with a clear reason.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new EnvironmentSchema());
  const input: Record<string, unknown> = {};
  for (const key of known) {
    if (env[key] !== undefined && env[key] !== '') input[key] = env[key];
  }
  const config = plainToInstance(EnvironmentSchema, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  const lines = errors.map((e) => {
    // The type rule explains a wrong value best ("abc" is not an integer, not "too large").
    const order = ['isInt', 'isString', 'matches', 'isIn'];
    const constraints = Object.entries(e.constraints ?? {}).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    const message = constraints[0]?.[1].replace(new RegExp(`^${e.property} `), '') ?? 'is invalid';
    return `Invalid environment variable ${e.property}=${JSON.stringify(env[e.property])}: ${message}`;
  });
  if (!isValidTimeZone(config.COMPANY_TIME_ZONE)) {
    lines.push(`Invalid environment variable COMPANY_TIME_ZONE=${JSON.stringify(env.COMPANY_TIME_ZONE)}: must be an IANA time zone such as Europe/Berlin`);
  }
  if (lines.length) throw new ConfigError(lines.join('\n'));
  return Object.freeze({
    ...config,
    JOBS_ENABLED: Boolean(config.JOBS_ENABLED),
    PAYROLL_FOUR_EYES: Boolean(config.PAYROLL_FOUR_EYES),
    DB_PREPARED_STATEMENTS: Boolean(config.DB_PREPARED_STATEMENTS),
  });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
