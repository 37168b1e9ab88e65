import { registerDecorator, ValidationOptions } from 'class-validator';
import Decimal from 'decimal.js';
import { ApiProperty } from '@nestjs/swagger';

const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/** Adds schema keywords to a property's OpenAPI metadata under whatever `@ApiProperty` states. */
function documentUnder(schema: object): PropertyDecorator {
  return (target, propertyName) => {
    // Decorators run bottom-up: an @ApiProperty above this one is applied later and wins on the
    // keywords it states; one below was applied already, so its keywords are kept here.
    const existing = Reflect.getMetadata(API_MODEL_PROPERTIES, target, propertyName) as object | undefined;
    ApiProperty({ ...schema, ...existing })(target, propertyName);
  };
}

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30); documented as `format: date`. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    documentUnder({ type: String, format: 'date', maxLength: 10 })(target, propertyName);
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
  };
}

export interface DecimalOptions {
  /** Decimals allowed, the `s` of the column's `numeric(p, s)`. */
  scale: number;
  /** Total digits, the `p` of `numeric(p, s)`; integer digits are `precision - scale`. Default `scale + 12`. */
  precision?: number;
  /** Smallest value allowed; a minimum of 0 or more also forbids the sign. */
  min?: string;
}

/**
 * The JSON Schema facts of a decimal string that fits `numeric(precision, scale)`: `type`,
 * `pattern` and `maxLength`. Spread into `@ApiProperty` of response DTOs
 * (`@ApiProperty({ ...decimalSchema({ precision: 14, scale: 3 }), example: '10.000' })`).
 */
export function decimalSchema(opts: DecimalOptions): { type: StringConstructor; pattern: string; maxLength: number } {
  const integerDigits = (opts.precision ?? opts.scale + 12) - opts.scale;
  if (integerDigits < 1 || opts.scale < 0) throw new Error(`numeric(${opts.precision}, ${opts.scale}) leaves no integer digit`);
  const unsigned = opts.min !== undefined && !opts.min.startsWith('-');
  const pattern = `^${unsigned ? '' : '-?'}\\d{1,${integerDigits}}${opts.scale > 0 ? `(\\.\\d{1,${opts.scale}})?` : ''}$`;
  return { type: String, pattern, maxLength: (unsigned ? 0 : 1) + integerDigits + (opts.scale > 0 ? 1 + opts.scale : 0) };
}

/**
 * A decimal amount as a string, e.g. "1234.50", that fits `numeric(precision, scale)`: at most
 * `scale` decimals and `precision - scale` integer digits, not below `min`. It also documents
 * itself: `pattern` and `maxLength` land in the property's OpenAPI schema (an explicit
 * `@ApiProperty` on the same property keeps its description, example and nullability, and wins
 * where it states the same keyword).
 */
export function IsDecimalString(opts: DecimalOptions, options?: ValidationOptions): PropertyDecorator {
  const schema = decimalSchema(opts);
  const pattern = new RegExp(schema.pattern);
  const integerDigits = schema.pattern.match(/\\d\{1,(\d+)\}/)![1];
  return (target, propertyName) => {
    documentUnder(schema)(target, propertyName);
    registerDecorator({
      name: 'isDecimalString',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be a decimal string with at most ${integerDigits} integer digits and ${opts.scale} decimals${opts.min !== undefined ? `, not below ${opts.min}` : ''}, e.g. "1234.50"`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && pattern.test(value) && (opts.min === undefined || !new Decimal(value).lessThan(opts.min)),
      },
    });
  };
}
