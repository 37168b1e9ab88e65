import Decimal from 'decimal.js';

/** Decimal arithmetic for money; half-even ("banker's") rounding unless a rule says otherwise. */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type MoneyDecimal = Decimal;

export const DECIMAL_STRING = /^-?\d{1,13}(\.\d{1,4})?$/;

export interface MoneyJson {
  amount: string;
  currency: string;
}

/** An exact amount in one currency. Never a JavaScript number. */
export class Money {
  private constructor(
    readonly amount: Decimal,
    readonly currency: string,
  ) {}

  static of(amount: string | Decimal, currency: string): Money {
    if (typeof amount === 'string' && !DECIMAL_STRING.test(amount)) throw new Error(`not a decimal amount: ${amount}`);
    if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`not an ISO 4217 code: ${currency}`);
    return new Money(new MoneyDecimal(amount), currency);
  }

  add(other: Money): Money {
    this.sameCurrency(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  subtract(other: Money): Money {
    this.sameCurrency(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  multiply(factor: string | Decimal): Money {
    return new Money(this.amount.times(factor), this.currency);
  }

  /** Rounds to `places` decimals (2 by default) with the given rounding mode. */
  round(places = 2, rounding: Decimal.Rounding = Decimal.ROUND_HALF_EVEN): Money {
    return new Money(this.amount.toDecimalPlaces(places, rounding), this.currency);
  }

  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  toFixed(places = 2): string {
    return this.amount.toFixed(places);
  }

  toJSON(places = 2): MoneyJson {
    return { amount: this.toFixed(places), currency: this.currency };
  }

  private sameCurrency(other: Money): void {
    if (other.currency !== this.currency) throw new Error(`currency mismatch: ${this.currency} vs ${other.currency}`);
  }
}
