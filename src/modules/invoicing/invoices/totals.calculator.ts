import Decimal from 'decimal.js';

/**
 * Invoice totals after EN 16931 (BT-106..BT-115, BG-23). A pure function: no Nest, no TypeORM.
 * Rounding mode: ROUND_HALF_UP (half away from zero) to the currency's minor unit, applied to each
 * line net amount (BT-131) and once per VAT breakdown entry (BT-117); every other total is a sum of
 * already-rounded amounts, so it needs no rounding of its own.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export const TOTALS_ROUNDING = Decimal.ROUND_HALF_UP;

export const TAX_CATEGORY_CODES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;
export type TaxCategoryCode = (typeof TAX_CATEGORY_CODES)[number];

/** ISO 4217 minor units that differ from 2. */
const MINOR_UNITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export function currencyMinorUnit(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

export interface TotalsLineInput {
  quantity: string;
  unitPrice: string;
  /** Line allowance (discount) amount, BT-136. */
  allowance?: string;
  taxCategory: TaxCategoryCode;
  taxRate: string;
  exemptionReason?: string | null;
}

export interface TotalsAllowanceChargeInput {
  /** false: allowance (BG-20), true: charge (BG-21). */
  chargeIndicator: boolean;
  amount: string;
  reason?: string | null;
  taxCategory: TaxCategoryCode;
  taxRate: string;
  exemptionReason?: string | null;
}

export interface TotalsInput {
  currency: string;
  lines: readonly TotalsLineInput[];
  allowancesCharges: readonly TotalsAllowanceChargeInput[];
  prepaidAmount?: string;
}

export interface TaxBreakdownEntry {
  taxCategory: TaxCategoryCode;
  taxRate: string;
  taxableAmount: string;
  taxAmount: string;
  exemptionReason: string | null;
}

export interface Totals {
  lines: { netAmount: string }[];
  lineTotal: string;
  allowanceTotal: string;
  chargeTotal: string;
  taxExclusiveAmount: string;
  taxBreakdown: TaxBreakdownEntry[];
  taxTotal: string;
  taxInclusiveAmount: string;
  prepaidAmount: string;
  payableAmount: string;
}

export function calculateTotals(input: TotalsInput): Totals {
  const places = currencyMinorUnit(input.currency);
  const round = (d: Decimal) => d.toDecimalPlaces(places, TOTALS_ROUNDING);
  const fmt = (d: Decimal) => d.toFixed(places);

  const groups = new Map<string, { category: TaxCategoryCode; rate: Decimal; taxable: Decimal; reason: string | null }>();
  const group = (category: TaxCategoryCode, rate: string, reason: string | null | undefined) => {
    const r = new D(rate);
    const key = `${category}|${r.toFixed()}`;
    let g = groups.get(key);
    if (!g) {
      g = { category, rate: r, taxable: new D(0), reason: reason ?? null };
      groups.set(key, g);
    } else if (g.reason === null && reason) {
      g.reason = reason;
    }
    return g;
  };

  let lineTotal = new D(0);
  const lines = input.lines.map((line) => {
    const net = round(new D(line.quantity).times(line.unitPrice).minus(line.allowance ?? '0'));
    lineTotal = lineTotal.plus(net);
    const g = group(line.taxCategory, line.taxRate, line.exemptionReason);
    g.taxable = g.taxable.plus(net);
    return { netAmount: fmt(net) };
  });

  let allowanceTotal = new D(0);
  let chargeTotal = new D(0);
  for (const ac of input.allowancesCharges) {
    const amount = round(new D(ac.amount));
    const g = group(ac.taxCategory, ac.taxRate, ac.exemptionReason);
    if (ac.chargeIndicator) {
      chargeTotal = chargeTotal.plus(amount);
      g.taxable = g.taxable.plus(amount);
    } else {
      allowanceTotal = allowanceTotal.plus(amount);
      g.taxable = g.taxable.minus(amount);
    }
  }

  const taxExclusive = lineTotal.minus(allowanceTotal).plus(chargeTotal);
  let taxTotal = new D(0);
  const taxBreakdown = [...groups.values()].map((g) => {
    const tax = round(g.taxable.times(g.rate).dividedBy(100));
    taxTotal = taxTotal.plus(tax);
    return {
      taxCategory: g.category,
      taxRate: g.rate.toFixed(2),
      taxableAmount: fmt(g.taxable),
      taxAmount: fmt(tax),
      exemptionReason: g.reason,
    };
  });
  const taxInclusive = taxExclusive.plus(taxTotal);
  const prepaid = round(new D(input.prepaidAmount ?? '0'));
  return {
    lines,
    lineTotal: fmt(lineTotal),
    allowanceTotal: fmt(allowanceTotal),
    chargeTotal: fmt(chargeTotal),
    taxExclusiveAmount: fmt(taxExclusive),
    taxBreakdown,
    taxTotal: fmt(taxTotal),
    taxInclusiveAmount: fmt(taxInclusive),
    prepaidAmount: fmt(prepaid),
    payableAmount: fmt(taxInclusive.minus(prepaid)),
  };
}
