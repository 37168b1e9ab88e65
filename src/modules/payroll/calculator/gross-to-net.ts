import Decimal from 'decimal.js';
import { MoneyDecimal } from '../../../platform/money/money';
import { addDays, daysBetweenInclusive, eachDay, isWeekday, maxDate, minDate } from '../calendar-days';

/**
 * Gross-to-net for one employee and one pay period: a pure function of its input (no clock, no
 * database). Every line is rounded half-up to the currency's minor unit and the totals are sums of
 * the rounded lines, so net equals the lines exactly.
 */

export const PAY_LINE_ROUNDING = Decimal.ROUND_HALF_UP;

export type CompensationBasis = 'annual_salary' | 'monthly_salary' | 'hourly';

export interface CompensationTerm {
  effectiveFrom: string;
  basis: CompensationBasis;
  /** Annual salary, monthly salary or hourly rate, by `basis`. */
  amount: string;
  currency: string;
  overtimeMultiplier: string;
  /** Extra fraction of the hourly rate for night hours (0.25 = +25 %). */
  nightPremiumRate: string;
  holidayPremiumRate: string;
  /** Hours a salaried employee works in a year; gives the hourly equivalent for overtime and premiums. */
  standardHoursPerYear?: string;
}

export const HOURS_KINDS = ['regular', 'overtime', 'night', 'holiday'] as const;
export type HoursKind = (typeof HOURS_KINDS)[number];
export interface HoursEntry {
  date: string;
  kind: HoursKind;
  hours: string;
}

export const COMPONENT_KINDS = ['earning', 'pre_tax_deduction', 'tax', 'post_tax_deduction', 'employer_contribution'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export type ComponentCalculation =
  | { type: 'fixed'; amount: string }
  | { type: 'percentage'; rate: string; base: 'gross' | 'taxable_gross' }
  | { type: 'percentage'; rate: string; base: 'component'; component: string }
  | { type: 'hours_times_rate'; rate: string };

export interface OneOffEarning {
  code: string;
  name: string;
  /** May be negative for a correction that takes back an overpayment. */
  amount: string;
  taxable: boolean;
  explanation: string;
}

export interface PayComponentRule {
  code: string;
  name: string;
  kind: ComponentKind;
  /** Earnings only: whether it counts towards taxable gross. */
  taxable: boolean;
  calculation: ComponentCalculation;
}

export interface TaxBracket {
  /** Income (after the allowance) from which `rate` applies, per pay period. */
  threshold: string;
  rate: string;
}

export interface ContributionRule {
  code: string;
  name: string;
  base: 'gross' | 'taxable_gross';
  employeeRate: string;
  employerRate: string;
  /** Below this base nothing is due. */
  lowerThreshold: string;
  /** The base is capped here; null for no cap. */
  upperCap: string | null;
}

export interface RuleSet {
  code: string;
  validFrom: string;
  /** Per pay period, deducted from the tax base before the brackets. */
  taxAllowance: string;
  taxBrackets: TaxBracket[];
  contributions: ContributionRule[];
}

export interface PayslipInput {
  period: { start: string; end: string; periodsPerYear: number };
  employment: { hireDate: string; terminationDate: string | null };
  prorationMethod: 'calendar_days' | 'working_days';
  /** Every term that could apply, in any order; the latest one starting on or before a day applies to it. */
  compensation: CompensationTerm[];
  unpaidDays: string[];
  /** Days of which half is unpaid (half-day leave); a day in both lists counts as whole. */
  unpaidHalfDays?: string[];
  hours: HoursEntry[];
  /** Applied in this order within each kind. */
  components: PayComponentRule[];
  /** Hours per `hours_times_rate` component code. */
  componentHours?: Record<string, string>;
  /** One-off earnings of this run (bonus, commission, reimbursement, correction), after hours and before components. */
  oneOffs?: OneOffEarning[];
  /** Off-cycle runs pay only one-offs and components: no salary, no hours. */
  skipBasePay?: boolean;
  ruleSet: RuleSet;
  /** Defaults to Monday–Friday. */
  isWorkingDay?: (date: string) => boolean;
  /** Defaults to the currency's ISO 4217 minor unit. */
  minorUnits?: number;
}

export interface PayslipLine {
  code: string;
  name: string;
  kind: ComponentKind;
  amount: string;
  explanation: string;
  detail: Record<string, unknown>;
}

export interface PayslipTotals {
  currency: string;
  gross: string;
  taxableGross: string;
  preTaxDeductions: string;
  taxes: string;
  postTaxDeductions: string;
  net: string;
  employerContributions: string;
}

export interface Payslip {
  period: { start: string; end: string };
  lines: PayslipLine[];
  totals: PayslipTotals;
}

export type CalculatorErrorCode = 'no_compensation' | 'not_employed' | 'currency_mismatch' | 'hours_outside_period' | 'component_order';

/** The input cannot be computed; the message says why in words a payroll clerk understands. */
export class CalculatorError extends Error {
  constructor(
    readonly code: CalculatorErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const D = (v: string | number | Decimal) => new MoneyDecimal(v);
const ZERO = D(0);
const pct = (rate: string) => D(rate).times(100).toString();

export function minorUnitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

interface Line {
  code: string;
  name: string;
  kind: ComponentKind;
  amount: Decimal;
  taxable: boolean;
  explanation: string;
  detail: Record<string, unknown>;
}

export function calculatePayslip(input: PayslipInput): Payslip {
  const { period } = input;
  const isWorkingDay = input.isWorkingDay ?? isWeekday;
  const employedFrom = maxDate(period.start, input.employment.hireDate);
  const employedTo = input.employment.terminationDate ? minDate(period.end, input.employment.terminationDate) : period.end;
  if (employedFrom > employedTo) throw new CalculatorError('not_employed', `not employed between ${period.start} and ${period.end}`);

  const segments = compensationSegments(input.compensation, employedFrom, employedTo);
  const currency = segments[0].term.currency;
  const places = input.minorUnits ?? minorUnitsOf(currency);
  const round = (v: Decimal) => v.toDecimalPlaces(places, PAY_LINE_ROUNDING);
  const fmt = (v: Decimal) => v.toFixed(places);
  const lines: Line[] = [];
  const push = (line: Omit<Line, 'amount'> & { amount: Decimal }) => lines.push({ ...line, amount: round(line.amount) });

  // 1. base pay
  const countsForProration = (d: string) => input.prorationMethod === 'calendar_days' || isWorkingDay(d);
  const basisLabel = input.prorationMethod === 'calendar_days' ? 'calendar days' : 'working days';
  const periodDays = countDays(period.start, period.end, countsForProration);
  const unpaid = new Set(input.unpaidDays);
  const unpaidHalf = new Set((input.unpaidHalfDays ?? []).filter((d) => !unpaid.has(d)));
  for (const { term, from, to } of input.skipBasePay ? [] : segments) {
    if (term.basis === 'hourly') continue;
    const perPeriod = periodSalary(term, period.periodsPerYear);
    const segmentDays = countDays(from, to, countsForProration);
    const unpaidDays = countDays(from, to, (d) => unpaid.has(d) && countsForProration(d)) + countDays(from, to, (d) => unpaidHalf.has(d) && countsForProration(d)) / 2;
    const paidDays = segmentDays - unpaidDays;
    const whole = paidDays === periodDays;
    const amount = whole ? perPeriod : perPeriod.times(paidDays).div(periodDays);
    const salaryText = `${term.amount} ${term.basis === 'annual_salary' ? 'a year' : 'a month'}`;
    push({
      code: 'SALARY',
      name: 'Salary',
      kind: 'earning',
      taxable: true,
      amount,
      explanation: whole
        ? `${salaryText} for the period`
        : `${salaryText}, ${fmt(round(perPeriod))} for the period × ${paidDays}/${periodDays} ${basisLabel} (${from}–${to}${unpaidDays ? `, ${unpaidDays} unpaid` : ''})`,
      detail: { basis: term.basis, rate: term.amount, from, to, paidDays, periodDays, unpaidDays, prorationMethod: input.prorationMethod },
    });
  }

  // 2. hours, priced at the term in effect on their day
  const hoursLines = new Map<string, { term: CompensationTerm; kind: HoursKind; hours: Decimal }>();
  for (const entry of input.skipBasePay ? [] : input.hours) {
    if (entry.date < period.start || entry.date > period.end) throw new CalculatorError('hours_outside_period', `hours on ${entry.date} are outside the period`);
    const segment = segments.find((s) => s.from <= entry.date && entry.date <= s.to);
    if (!segment) throw new CalculatorError('not_employed', `hours on ${entry.date} fall outside employment`);
    if (segment.term.basis !== 'hourly' && entry.kind === 'regular') continue; // the salary pays them
    const key = `${segment.term.effectiveFrom}|${entry.kind}`;
    const group = hoursLines.get(key) ?? { term: segment.term, kind: entry.kind, hours: ZERO };
    group.hours = group.hours.plus(entry.hours);
    hoursLines.set(key, group);
  }
  const order = [...hoursLines.values()].sort((a, b) => HOURS_KINDS.indexOf(a.kind) - HOURS_KINDS.indexOf(b.kind) || a.term.effectiveFrom.localeCompare(b.term.effectiveFrom));
  for (const { term, kind, hours } of order) {
    const hourly = term.basis === 'hourly';
    const rate = hourly ? D(term.amount) : D(annualSalary(term)).div(term.standardHoursPerYear ?? '2080');
    const rateText = hourly ? term.amount : `${fmt(round(rate))} (${annualSalary(term).toString()} / ${term.standardHoursPerYear ?? '2080'} h)`;
    const factor: Record<HoursKind, [Decimal, string]> = {
      regular: [D(1), ''],
      overtime: [D(term.overtimeMultiplier), ` × ${term.overtimeMultiplier}`],
      night: hourly ? [D(1).plus(term.nightPremiumRate), ` × (1 + ${term.nightPremiumRate})`] : [D(term.nightPremiumRate), ` × ${term.nightPremiumRate} premium`],
      holiday: hourly ? [D(1).plus(term.holidayPremiumRate), ` × (1 + ${term.holidayPremiumRate})`] : [D(term.holidayPremiumRate), ` × ${term.holidayPremiumRate} premium`],
    };
    const [multiplier, multiplierText] = factor[kind];
    push({
      code: kind.toUpperCase(),
      name: `${kind[0].toUpperCase()}${kind.slice(1)} hours`,
      kind: 'earning',
      taxable: true,
      amount: hours.times(rate).times(multiplier),
      explanation: `${hours.toString()} h × ${rateText}${multiplierText}`,
      detail: { hours: hours.toString(), rate: rate.toString(), multiplier: multiplier.toString(), compensationFrom: term.effectiveFrom },
    });
  }

  for (const o of input.oneOffs ?? []) {
    push({ code: o.code, name: o.name, kind: 'earning', taxable: o.taxable, amount: D(o.amount), explanation: o.explanation, detail: { type: 'one_off', amount: o.amount, taxable: o.taxable } });
  }

  const sum = (kinds: ComponentKind[], taxableOnly = false) =>
    lines.filter((l) => kinds.includes(l.kind) && (!taxableOnly || l.taxable)).reduce((s, l) => s.plus(l.amount), ZERO);
  const gross = () => sum(['earning']);
  const taxableGross = () => sum(['earning'], true);

  const applyComponents = (kind: ComponentKind) => {
    for (const c of input.components.filter((x) => x.kind === kind)) {
      const { amount, explanation, detail } = componentAmount(c, input.componentHours ?? {}, lines, gross(), taxableGross(), fmt);
      push({ code: c.code, name: c.name, kind, taxable: kind === 'earning' && c.taxable, amount, explanation, detail });
    }
  };

  // 3. earnings → pre-tax → taxes → post-tax → employer
  applyComponents('earning');
  const grossPay = gross();
  const taxablePay = taxableGross();
  applyComponents('pre_tax_deduction');

  const rules = input.ruleSet;
  const taxBase = D(MoneyDecimal.max(ZERO, taxablePay.minus(sum(['pre_tax_deduction']))));
  const income = MoneyDecimal.max(ZERO, taxBase.minus(rules.taxAllowance));
  const brackets = [...rules.taxBrackets].sort((a, b) => D(a.threshold).comparedTo(b.threshold));
  const bracketDetail = brackets.map((b, i) => {
    const upper = brackets[i + 1]?.threshold ?? null;
    const slice = MoneyDecimal.max(ZERO, MoneyDecimal.min(income, upper ?? income).minus(b.threshold));
    return { from: b.threshold, to: upper, rate: b.rate, amount: slice.times(b.rate) };
  });
  const tax = bracketDetail.reduce((s, b) => s.plus(b.amount), ZERO);
  if (brackets.length > 0) {
    push({
      code: 'INCOME_TAX',
      name: 'Income tax',
      kind: 'tax',
      taxable: false,
      amount: tax,
      explanation: `${rules.code}: taxable ${fmt(taxBase)} − allowance ${rules.taxAllowance} = ${fmt(income)}; ${bracketDetail
        .filter((b) => b.amount.gt(0))
        .map((b) => `${pct(b.rate)}% above ${b.from}${b.to ? ` up to ${b.to}` : ''}`)
        .join(', ') || 'no tax due'}`,
      detail: {
        ruleSet: rules.code,
        ruleSetValidFrom: rules.validFrom,
        base: fmt(taxBase),
        allowance: rules.taxAllowance,
        taxableIncome: fmt(income),
        brackets: bracketDetail.map((b) => ({ ...b, amount: fmt(round(b.amount)) })),
      },
    });
  }

  const contributionBase = (c: ContributionRule) => {
    const raw = c.base === 'gross' ? grossPay : taxablePay;
    if (raw.lt(c.lowerThreshold)) return { raw, base: ZERO, note: ` below the threshold ${c.lowerThreshold}` };
    if (c.upperCap !== null && raw.gt(c.upperCap)) return { raw, base: D(c.upperCap), note: ` capped at ${c.upperCap}` };
    return { raw, base: raw, note: '' };
  };
  const contributionLine = (c: ContributionRule, share: 'employee' | 'employer') => {
    const rate = share === 'employee' ? c.employeeRate : c.employerRate;
    const { raw, base, note } = contributionBase(c);
    push({
      code: c.code,
      name: c.name,
      kind: share === 'employee' ? 'tax' : 'employer_contribution',
      taxable: false,
      amount: base.times(rate),
      explanation: `${rules.code}: ${pct(rate)}% of ${c.base === 'gross' ? 'gross' : 'taxable gross'} ${fmt(raw)}${note} = ${fmt(base)}`,
      detail: { ruleSet: rules.code, ruleSetValidFrom: rules.validFrom, share, base: fmt(base), rate, lowerThreshold: c.lowerThreshold, upperCap: c.upperCap },
    });
  };
  for (const c of rules.contributions) if (!D(c.employeeRate).isZero()) contributionLine(c, 'employee');
  applyComponents('tax');
  applyComponents('post_tax_deduction');
  for (const c of rules.contributions) if (!D(c.employerRate).isZero()) contributionLine(c, 'employer');
  applyComponents('employer_contribution');

  const deductions = sum(['pre_tax_deduction']).plus(sum(['tax'])).plus(sum(['post_tax_deduction']));
  return {
    period: { start: period.start, end: period.end },
    lines: lines.map(({ taxable: _taxable, amount, ...l }) => ({ ...l, amount: fmt(amount) })),
    totals: {
      currency,
      gross: fmt(grossPay),
      taxableGross: fmt(taxablePay),
      preTaxDeductions: fmt(sum(['pre_tax_deduction'])),
      taxes: fmt(sum(['tax'])),
      postTaxDeductions: fmt(sum(['post_tax_deduction'])),
      net: fmt(grossPay.minus(deductions)),
      employerContributions: fmt(sum(['employer_contribution'])),
    },
  };
}

function compensationSegments(terms: CompensationTerm[], from: string, to: string): { term: CompensationTerm; from: string; to: string }[] {
  const sorted = [...terms].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const segments: { term: CompensationTerm; from: string; to: string }[] = [];
  sorted.forEach((term, i) => {
    const next = sorted[i + 1]?.effectiveFrom;
    const segFrom = maxDate(from, term.effectiveFrom);
    const segTo = next ? minDate(to, dayBefore(next)) : to;
    if (segFrom <= segTo) segments.push({ term, from: segFrom, to: segTo });
  });
  if (segments.length === 0 || segments[0].from !== from) throw new CalculatorError('no_compensation', `no compensation in effect on ${from}`);
  const currency = segments[0].term.currency;
  if (segments.some((s) => s.term.currency !== currency)) throw new CalculatorError('currency_mismatch', 'compensation changes currency within the period');
  return segments;
}

function dayBefore(date: string): string {
  return addDays(date, -1);
}

function annualSalary(term: CompensationTerm): Decimal {
  return term.basis === 'monthly_salary' ? D(term.amount).times(12) : D(term.amount);
}

function periodSalary(term: CompensationTerm, periodsPerYear: number): Decimal {
  // a monthly salary on a monthly schedule is exactly the amount, with no division
  if (term.basis === 'monthly_salary' && periodsPerYear === 12) return D(term.amount);
  return annualSalary(term).div(periodsPerYear);
}

function countDays(from: string, to: string, counts: (d: string) => boolean): number {
  if (daysBetweenInclusive(from, to) === 0) return 0;
  let n = 0;
  for (const d of eachDay(from, to)) if (counts(d)) n++;
  return n;
}

function componentAmount(
  c: PayComponentRule,
  componentHours: Record<string, string>,
  lines: Line[],
  gross: Decimal,
  taxableGross: Decimal,
  fmt: (v: Decimal) => string,
): { amount: Decimal; explanation: string; detail: Record<string, unknown> } {
  const calc = c.calculation;
  switch (calc.type) {
    case 'fixed':
      return { amount: D(calc.amount), explanation: `fixed ${calc.amount}`, detail: { type: 'fixed', amount: calc.amount } };
    case 'hours_times_rate': {
      const hours = componentHours[c.code] ?? '0';
      return { amount: D(hours).times(calc.rate), explanation: `${hours} h × ${calc.rate}`, detail: { type: calc.type, hours, rate: calc.rate } };
    }
    case 'percentage': {
      let base: Decimal;
      let label: string;
      if (calc.base === 'component') {
        const matches = lines.filter((l) => l.code === calc.component);
        if (matches.length === 0) throw new CalculatorError('component_order', `component ${c.code} needs ${calc.component}, which is not computed before it`);
        base = matches.reduce((s, l) => s.plus(l.amount), ZERO);
        label = calc.component;
      } else {
        base = calc.base === 'gross' ? gross : taxableGross;
        label = calc.base === 'gross' ? 'gross' : 'taxable gross';
      }
      return {
        amount: base.times(calc.rate),
        explanation: `${pct(calc.rate)}% of ${label} ${fmt(base)}`,
        detail: { type: calc.type, base: calc.base, ...(calc.base === 'component' ? { component: calc.component } : {}), baseAmount: fmt(base), rate: calc.rate },
      };
    }
  }
}
