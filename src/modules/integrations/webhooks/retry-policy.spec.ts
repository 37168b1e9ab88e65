import { MAX_RETRIES, nextStep, parseRetrySchedule, retryAfterMs } from './retry-policy';

describe('webhook retry policy', () => {
  const schedule = parseRetrySchedule('5,300,1800,7200,18000,36000,36000,36000');
  const now = Date.parse('2026-11-29T12:00:00Z');

  it('the default schedule retries for at least 24 hours', () => {
    // Shortest case: every delay jittered down by 20%.
    expect(schedule.reduce((a, b) => a + b, 0) * 0.8).toBeGreaterThanOrEqual(24 * 3600 * 1000);
  });

  it('2xx succeeds; 4xx other than 408/429 and 3xx are final; refusals are final', () => {
    expect(nextStep({ statusCode: 204 }, 1, schedule, now, 0.5)).toEqual({ kind: 'succeeded' });
    for (const s of [301, 400, 401, 404, 410, 422]) expect(nextStep({ statusCode: s }, 1, schedule, now, 0.5)).toEqual({ kind: 'failed' });
    expect(nextStep({ statusCode: null, refused: true }, 1, schedule, now, 0.5)).toEqual({ kind: 'failed' });
  });

  it('timeouts, connection errors, 408, 429 and 5xx are retried with jitter of ±20%', () => {
    for (const s of [null, 408, 429, 500, 502, 503]) expect(nextStep({ statusCode: s }, 2, schedule, now, 0.5)).toEqual({ kind: 'retry', delayMs: 300_000 });
    expect(nextStep({ statusCode: 500 }, 2, schedule, now, 0)).toEqual({ kind: 'retry', delayMs: 240_000 });
    expect(nextStep({ statusCode: 500 }, 2, schedule, now, 0.999999)).toEqual({ kind: 'retry', delayMs: 360_000 });
  });

  it('gives up after the last scheduled retry', () => {
    expect(nextStep({ statusCode: 500 }, 8, schedule, now, 0.5).kind).toBe('retry');
    expect(nextStep({ statusCode: 500 }, 9, schedule, now, 0.5)).toEqual({ kind: 'failed' });
  });

  it('honours Retry-After (seconds or HTTP date) when it asks for longer, capped at 24 h', () => {
    expect(nextStep({ statusCode: 429, retryAfter: '120' }, 1, schedule, now, 0.5)).toEqual({ kind: 'retry', delayMs: 120_000 });
    expect(nextStep({ statusCode: 429, retryAfter: '1' }, 1, schedule, now, 0.5)).toEqual({ kind: 'retry', delayMs: 5_000 });
    expect(retryAfterMs('Sun, 29 Nov 2026 12:10:00 GMT', now)).toBe(600_000);
    expect(retryAfterMs('999999999', now)).toBe(24 * 3600 * 1000);
    expect(retryAfterMs('soon', now)).toBeNull();
  });

  it(`accepts at most ${MAX_RETRIES} retries, so a delivery's attempt log stays bounded`, () => {
    expect(parseRetrySchedule(Array(MAX_RETRIES).fill('60').join(','))).toHaveLength(MAX_RETRIES);
    expect(() => parseRetrySchedule(Array(MAX_RETRIES + 1).fill('60').join(','))).toThrow(/at most 30/);
  });
});
