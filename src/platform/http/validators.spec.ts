import { validateSync } from 'class-validator';
import { IsCalendarDate, IsDecimalString } from './validators';

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
