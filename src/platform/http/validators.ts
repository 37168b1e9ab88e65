import { registerDecorator, ValidationOptions } from 'class-validator';
import Decimal from 'decimal.js';

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date as YYYY-MM-DD`, ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && value >= '1900-01-01' && value <= '2999-12-31';
        },
      },
    });
}

/** A decimal amount as a string, e.g. "1234.50", with at most `scale` decimals. */
export function IsDecimalString(opts: { scale: number; min?: string }, options?: ValidationOptions): PropertyDecorator {
  const pattern = new RegExp(`^${opts.min !== undefined && !opts.min.startsWith('-') ? '' : '-?'}\\d{1,12}(\\.\\d{1,${opts.scale}})?$`);
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDecimalString',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be a decimal string with at most ${opts.scale} decimals${opts.min !== undefined ? `, not below ${opts.min}` : ''}, e.g. "1234.50"`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && pattern.test(value) && (opts.min === undefined || !new Decimal(value).lessThan(opts.min)),
      },
    });
}
