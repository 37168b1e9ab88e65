import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/** JSON logs on stdout; one logger for Fastify (requests) and Nest (application). */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'backoffice-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string, extra?: unknown): void {
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...rest } = message as Record<string, unknown>;
      this.logger[level]({ context, ...rest }, typeof msg === 'string' ? msg : typeof extra === 'string' ? extra : '');
      return;
    }
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
      return;
    }
    this.logger[level]({ context, ...(extra && typeof extra === 'string' ? { stack: extra } : {}) }, String(message));
  }

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional[optional.length - 1] as string);
  }
  error(message: unknown, ...optional: unknown[]): void {
    const context = optional.length > 1 ? (optional[optional.length - 1] as string) : (optional[0] as string | undefined);
    this.write('error', message, context, optional.length > 1 ? optional[0] : undefined);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional[optional.length - 1] as string);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional[optional.length - 1] as string);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional[optional.length - 1] as string);
  }
}
