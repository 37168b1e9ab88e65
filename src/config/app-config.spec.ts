import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.API_KEY_CACHE_TTL_MS).toBe(5000);
    expect(c.JOBS_ENABLED).toBe(true);
    expect(c.DB_PREPARED_STATEMENTS).toBe(true);
  });

  it('reads every variable it knows, including optional ones without a default', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', BOOTSTRAP_ADMIN_KEY: 'bo_abcdefghijklmnopqrstuvwxyz', JOBS_ENABLED: 'false', DB_PREPARED_STATEMENTS: 'off' });
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBe('postgres://u@h:5432/db');
    expect(c.BOOTSTRAP_ADMIN_KEY).toBe('bo_abcdefghijklmnopqrstuvwxyz');
    expect(c.JOBS_ENABLED).toBe(false);
    expect(c.DB_PREPARED_STATEMENTS).toBe(false);
  });

  it('stops with one line per bad variable, naming it', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', COMPANY_TIME_ZONE: 'Mars/Olympus' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Invalid environment variable PORT="abc": /);
    expect(lines.some((l) => l.startsWith('Invalid environment variable DATABASE_URL="mysql://x": must be a postgres://'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Invalid environment variable COMPANY_TIME_ZONE="Mars/Olympus"'))).toBe(true);
  });

  it('refuses a revocation delay above 5 seconds', () => {
    expect(() => loadConfig({ API_KEY_CACHE_TTL_MS: '6000' })).toThrow(/API_KEY_CACHE_TTL_MS/);
  });
});
