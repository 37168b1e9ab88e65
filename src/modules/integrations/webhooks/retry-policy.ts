/**
 * What happens after a delivery attempt (pure: the worker applies it). Timeouts, connection
 * errors, 408, 429 and 5xx are retried on the configured schedule with ±20% jitter, never sooner
 * than a Retry-After asks; any other status outside 2xx is final.
 */
export type AttemptOutcome = { kind: 'succeeded' } | { kind: 'retry'; delayMs: number } | { kind: 'failed' };

export interface AttemptResult {
  /** HTTP status, or null when no response came (timeout, connection error, refused target). */
  statusCode: number | null;
  retryAfter?: string | null;
  /** A refused target is never retried. */
  refused?: boolean;
}

const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** Retries a schedule may hold; a delivery makes at most one more attempt than that (its attempt log is bounded by it). */
export const MAX_RETRIES = 30;
export const MAX_DELIVERY_ATTEMPTS = MAX_RETRIES + 1;

export function parseRetrySchedule(csv: string): number[] {
  const schedule = csv.split(',').map((s) => Number(s.trim()) * 1000);
  if (schedule.length > MAX_RETRIES) throw new Error(`WEBHOOK_RETRY_SCHEDULE holds ${schedule.length} retries; at most ${MAX_RETRIES}`);
  return schedule;
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}

export function isRetryable(statusCode: number | null): boolean {
  return statusCode === null || statusCode === 408 || statusCode === 429 || statusCode >= 500;
}

/**
 * @param attemptsMade attempts including this one (1 after the first).
 * @param random a number in [0, 1) for the jitter.
 */
export function nextStep(result: AttemptResult, attemptsMade: number, scheduleMs: readonly number[], now: number, random: number): AttemptOutcome {
  const { statusCode } = result;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { kind: 'succeeded' };
  if (result.refused || !isRetryable(statusCode) || attemptsMade > scheduleMs.length) return { kind: 'failed' };
  const base = scheduleMs[attemptsMade - 1];
  const jittered = Math.round(base * (0.8 + 0.4 * random));
  const asked = statusCode === 429 || statusCode === 503 ? retryAfterMs(result.retryAfter, now) : null;
  return { kind: 'retry', delayMs: Math.max(jittered, asked ?? 0) };
}
