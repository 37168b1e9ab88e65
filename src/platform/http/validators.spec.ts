import { validateSync } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { decimalSchema, IsCalendarDate, IsDecimalString } from './validators';

class Sample {
  @IsDecimalString({ scale: 2, min: '0' }) amount: string;
  @IsDecimalString({ scale: 3, min: '0.001' }) quantity: string;
  @IsDecimalString({ scale: 2 }) delta: string;
  @IsCalendarDate() day: string;
}

const errorsFor = (values: Partial<Sample>) => {
  const s = Object.assign(new Sample(), { amount: '1.00', quantity: '1', delta: '-5', day: '2026-01-31', ...values });
  return validateSync(s).map((e) => e.property);
};

describe('IsDecimalString', () => {
  it('accepts decimal strings within scale and minimum', () => {
    expect(errorsFor({})).toEqual([]);
    expect(errorsFor({ amount: '0', quantity: '0.001', delta: '-12.34' })).toEqual([]);
  });

  it('refuses numbers, exponents, too many decimals and values under the minimum', () => {
    expect(errorsFor({ amount: 1 as unknown as string })).toEqual(['amount']);
    expect(errorsFor({ amount: '1e3' })).toEqual(['amount']);
    expect(errorsFor({ amount: '1.005' })).toEqual(['amount']);
    expect(errorsFor({ amount: '-0.01' })).toEqual(['amount']);
    expect(errorsFor({ quantity: '0' })).toEqual(['quantity']);
    expect(errorsFor({ quantity: '0.0005' })).toEqual(['quantity']);
  });
});

describe('IsCalendarDate', () => {
  it('accepts real dates only', () => {
    expect(errorsFor({ day: '2028-02-29' })).toEqual([]);
    expect(errorsFor({ day: '2026-02-29' })).toEqual(['day']);
    expect(errorsFor({ day: '2026-1-31' })).toEqual(['day']);
    expect(errorsFor({ day: '2026-01-31T00:00:00Z' })).toEqual(['day']);
  });
});

describe('IsDecimalString precision and documentation', () => {
  class Column {
    @IsDecimalString({ precision: 14, scale: 3, min: '0' }) quantity: string;
    @ApiPropertyOptional({ type: String, nullable: true, description: 'Signed.', example: '-1.50' })
    @IsDecimalString({ precision: 8, scale: 2 })
    delta?: string | null;
  }
  const check = (values: Partial<Column>) => validateSync(Object.assign(new Column(), { quantity: '1', delta: '0', ...values })).map((e) => e.property);

  it('refuses more integer digits than numeric(p, s) holds', () => {
    expect(check({ quantity: '99999999999.999' })).toEqual([]);
    expect(check({ quantity: '100000000000' })).toEqual(['quantity']);
    expect(check({ delta: '-999999.99' })).toEqual([]);
    expect(check({ delta: '-1000000' })).toEqual(['delta']);
  });

  it('documents pattern and maxLength, keeping what @ApiProperty states', () => {
    const meta = (key: string) => Reflect.getMetadata('swagger/apiModelProperties', Column.prototype, key) as Record<string, unknown>;
    expect(meta('quantity')).toMatchObject({ pattern: '^\\d{1,11}(\\.\\d{1,3})?$', maxLength: 15 });
    expect(meta('delta')).toMatchObject({ pattern: '^-?\\d{1,6}(\\.\\d{1,2})?$', maxLength: 10, nullable: true, required: false, description: 'Signed.' });
    expect(decimalSchema({ precision: 14, scale: 0, min: '0' })).toMatchObject({ pattern: '^\\d{1,14}$', maxLength: 14 });
  });
});
