import Decimal from 'decimal.js';
import { Money } from './money';

describe('Money', () => {
  it('adds exactly where floats would not', () => {
    expect(Money.of('0.10', 'EUR').add(Money.of('0.20', 'EUR')).toFixed()).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('rounds half-even by default and half-up when asked', () => {
    expect(Money.of('2.345', 'EUR').round().toFixed()).toBe('2.34');
    expect(Money.of('2.355', 'EUR').round().toFixed()).toBe('2.36');
    expect(Money.of('2.345', 'EUR').round(2, Decimal.ROUND_HALF_UP).toFixed()).toBe('2.35');
  });

  it('refuses mixing currencies and non-decimal input', () => {
    expect(() => Money.of('1', 'EUR').add(Money.of('1', 'USD'))).toThrow('currency mismatch');
    expect(() => Money.of('1e3', 'EUR')).toThrow('not a decimal amount');
    expect(() => Money.of('1', 'eur')).toThrow('ISO 4217');
  });

  it('serialises as a decimal string with its currency', () => {
    expect(Money.of('1234.5', 'EUR').toJSON()).toEqual({ amount: '1234.50', currency: 'EUR' });
    expect(Money.of('100', 'EUR').multiply('0.075').round().toJSON()).toEqual({ amount: '7.50', currency: 'EUR' });
  });
});
