import fc from 'fast-check';
import { calculatePayslip, CalculatorError, CompensationTerm, PayslipInput, RuleSet } from './gross-to-net';

const salary60k: CompensationTerm = {
  effectiveFrom: '2020-01-01',
  basis: 'annual_salary',
  amount: '60000',
  currency: 'EUR',
  overtimeMultiplier: '1.5',
  nightPremiumRate: '0.25',
  holidayPremiumRate: '1',
};

const ruleSet: RuleSet = {
  code: 'STD',
  validFrom: '2026-01-01',
  taxAllowance: '1000',
  taxBrackets: [
    { threshold: '0', rate: '0.10' },
    { threshold: '2000', rate: '0.20' },
  ],
  contributions: [{ code: 'PENSION', name: 'State pension', base: 'gross', employeeRate: '0.05', employerRate: '0.08', lowerThreshold: '500', upperCap: '4000' }],
};

const march: PayslipInput['period'] = { start: '2026-03-01', end: '2026-03-31', periodsPerYear: 12 };

function input(over: Partial<PayslipInput> = {}): PayslipInput {
  return {
    period: march,
    employment: { hireDate: '2020-01-01', terminationDate: null },
    prorationMethod: 'calendar_days',
    compensation: [salary60k],
    unpaidDays: [],
    hours: [],
    components: [],
    ruleSet: { ...ruleSet, taxBrackets: [], contributions: [], taxAllowance: '0' },
    ...over,
  };
}

const amounts = (lines: { code: string; amount: string }[]) => Object.fromEntries(lines.map((l) => [l.code, l.amount]));

describe('calculatePayslip: salaried pay and proration', () => {
  it('a full month of an annual salary is a twelfth', () => {
    const slip = calculatePayslip(input());
    expect(slip.lines).toHaveLength(1);
    expect(slip.lines[0]).toMatchObject({ code: 'SALARY', kind: 'earning', amount: '5000.00' });
    expect(slip.totals).toMatchObject({ gross: '5000.00', net: '5000.00', currency: 'EUR' });
  });

  it('a monthly salary on a semi-monthly schedule is half a month', () => {
    const slip = calculatePayslip(input({ period: { start: '2026-03-01', end: '2026-03-15', periodsPerYear: 24 }, compensation: [{ ...salary60k, basis: 'monthly_salary', amount: '4000' }] }));
    expect(slip.totals.gross).toBe('2000.00');
  });

  it('a rate change mid-period splits the period by calendar days', () => {
    const slip = calculatePayslip(input({ compensation: [salary60k, { ...salary60k, effectiveFrom: '2026-03-16', amount: '72000' }] }));
    // 5000 × 15/31 = 2419.354… and 6000 × 16/31 = 3096.774…
    expect(slip.lines.map((l) => l.amount)).toEqual(['2419.35', '3096.77']);
    expect(slip.lines[0].explanation).toContain('15/31 calendar days');
    expect(slip.totals.gross).toBe('5516.12');
  });

  it('… and by working days', () => {
    const slip = calculatePayslip(input({ prorationMethod: 'working_days', compensation: [salary60k, { ...salary60k, effectiveFrom: '2026-03-16', amount: '72000' }] }));
    // March 2026 has 22 weekdays: 10 before the 16th, 12 from it. 5000 × 10/22, 6000 × 12/22
    expect(slip.lines.map((l) => l.amount)).toEqual(['2272.73', '3272.73']);
    expect(slip.totals.gross).toBe('5545.46');
  });

  it('a mid-period hire and a mid-period termination are prorated', () => {
    const hired = calculatePayslip(input({ prorationMethod: 'working_days', employment: { hireDate: '2026-03-16', terminationDate: null } }));
    expect(hired.totals.gross).toBe('2727.27'); // 5000 × 12/22
    const left = calculatePayslip(input({ employment: { hireDate: '2020-01-01', terminationDate: '2026-03-13' } }));
    expect(left.totals.gross).toBe('2096.77'); // 5000 × 13/31
  });

  it('unpaid days reduce salaried pay; a weekend unpaid day does not count on a working-day basis', () => {
    const slip = calculatePayslip(input({ prorationMethod: 'working_days', unpaidDays: ['2026-03-04', '2026-03-05', '2026-03-07'] }));
    expect(slip.totals.gross).toBe('4545.45'); // 5000 × 20/22
    expect(slip.lines[0].explanation).toContain('2 unpaid');
  });

  it('a compensation that starts after the period, or an employee not employed in it, is refused', () => {
    expect(() => calculatePayslip(input({ compensation: [{ ...salary60k, effectiveFrom: '2026-04-01' }] }))).toThrow(CalculatorError);
    expect(() => calculatePayslip(input({ employment: { hireDate: '2026-04-01', terminationDate: null } }))).toThrow('not employed');
  });

  it('refuses mixed currencies in one period', () => {
    expect(() => calculatePayslip(input({ compensation: [salary60k, { ...salary60k, effectiveFrom: '2026-03-10', currency: 'USD' }] }))).toThrow('currency');
  });
});

describe('calculatePayslip: hourly pay', () => {
  const hourly: CompensationTerm = { ...salary60k, basis: 'hourly', amount: '20.00' };
  it('prices regular, overtime, night and holiday hours', () => {
    const slip = calculatePayslip(
      input({
        compensation: [hourly],
        hours: [
          { date: '2026-03-02', kind: 'regular', hours: '152' },
          { date: '2026-03-20', kind: 'regular', hours: '8' },
          { date: '2026-03-21', kind: 'overtime', hours: '10' },
          { date: '2026-03-22', kind: 'night', hours: '8' },
          { date: '2026-03-23', kind: 'holiday', hours: '8' },
        ],
      }),
    );
    expect(amounts(slip.lines)).toEqual({ REGULAR: '3200.00', OVERTIME: '300.00', NIGHT: '200.00', HOLIDAY: '320.00' });
    expect(slip.lines.find((l) => l.code === 'OVERTIME')!.explanation).toBe('10 h × 20.00 × 1.5');
    expect(slip.totals.gross).toBe('4020.00');
  });

  it('hours on each side of a rate change are priced at their own rate', () => {
    const slip = calculatePayslip(
      input({
        compensation: [hourly, { ...hourly, effectiveFrom: '2026-03-16', amount: '22.00' }],
        hours: [
          { date: '2026-03-02', kind: 'regular', hours: '80' },
          { date: '2026-03-16', kind: 'regular', hours: '80' },
        ],
      }),
    );
    expect(slip.lines.map((l) => l.amount)).toEqual(['1600.00', '1760.00']);
  });

  it('rounds each line half-up to the minor unit', () => {
    const slip = calculatePayslip(input({ compensation: [{ ...hourly, amount: '12.345' }], hours: [{ date: '2026-03-02', kind: 'regular', hours: '1' }] }));
    expect(slip.totals.gross).toBe('12.35');
    const yen = calculatePayslip(input({ compensation: [{ ...hourly, currency: 'JPY', amount: '1000.5' }], hours: [{ date: '2026-03-02', kind: 'regular', hours: '1' }] }));
    expect(yen.totals.gross).toBe('1001');
  });

  it('refuses hours outside the period', () => {
    expect(() => calculatePayslip(input({ compensation: [hourly], hours: [{ date: '2026-04-01', kind: 'regular', hours: '1' }] }))).toThrow('outside the period');
  });

  it('a salaried employee gets overtime at the hourly equivalent and only the premium for night hours', () => {
    const slip = calculatePayslip(
      input({
        compensation: [{ ...salary60k, standardHoursPerYear: '2000' }],
        hours: [
          { date: '2026-03-02', kind: 'regular', hours: '160' },
          { date: '2026-03-03', kind: 'overtime', hours: '4' },
          { date: '2026-03-04', kind: 'night', hours: '8' },
        ],
      }),
    );
    // hourly equivalent 60000 / 2000 = 30: overtime 4 × 30 × 1.5 = 180; night premium 8 × 30 × 0.25 = 60
    expect(amounts(slip.lines)).toEqual({ SALARY: '5000.00', OVERTIME: '180.00', NIGHT: '60.00' });
  });
});

describe('calculatePayslip: gross to net', () => {
  const full = () =>
    input({
      ruleSet,
      components: [
        { code: 'BONUS', name: 'Target bonus', kind: 'earning', taxable: true, calculation: { type: 'percentage', rate: '0.10', base: 'gross' } },
        { code: 'MEAL', name: 'Meal allowance', kind: 'earning', taxable: false, calculation: { type: 'fixed', amount: '100' } },
        { code: 'PLAN', name: 'Pension plan', kind: 'pre_tax_deduction', taxable: false, calculation: { type: 'percentage', rate: '0.03', base: 'taxable_gross' } },
        { code: 'UNION', name: 'Union fee', kind: 'post_tax_deduction', taxable: false, calculation: { type: 'fixed', amount: '15' } },
        { code: 'MATCH', name: 'Plan match', kind: 'employer_contribution', taxable: false, calculation: { type: 'percentage', rate: '1', base: 'component', component: 'PLAN' } },
      ],
    });

  it('orders earnings, pre-tax, taxes, post-tax and employer lines and explains each', () => {
    const slip = calculatePayslip(full());
    // gross 5000 + 500 bonus + 100 meal = 5600; taxable 5500; plan 3% of 5500 = 165
    // tax base 5500 − 165 = 5335, less 1000 allowance = 4335: 2000 × 10% + 2335 × 20% = 200 + 467 = 667
    // pension base gross 5600 capped at 4000: 200 employee, 320 employer
    expect(slip.lines.map((l) => [l.kind, l.code, l.amount])).toEqual([
      ['earning', 'SALARY', '5000.00'],
      ['earning', 'BONUS', '500.00'],
      ['earning', 'MEAL', '100.00'],
      ['pre_tax_deduction', 'PLAN', '165.00'],
      ['tax', 'INCOME_TAX', '667.00'],
      ['tax', 'PENSION', '200.00'],
      ['post_tax_deduction', 'UNION', '15.00'],
      ['employer_contribution', 'PENSION', '320.00'],
      ['employer_contribution', 'MATCH', '165.00'],
    ]);
    expect(slip.totals).toEqual({
      currency: 'EUR',
      gross: '5600.00',
      taxableGross: '5500.00',
      preTaxDeductions: '165.00',
      taxes: '867.00',
      postTaxDeductions: '15.00',
      net: '4553.00',
      employerContributions: '485.00',
    });
    const tax = slip.lines.find((l) => l.code === 'INCOME_TAX')!;
    expect(tax.detail).toMatchObject({ ruleSet: 'STD', ruleSetValidFrom: '2026-01-01', base: '5335.00', allowance: '1000', taxableIncome: '4335.00' });
    expect(tax.detail.brackets).toEqual([
      { from: '0', to: '2000', rate: '0.10', amount: '200.00' },
      { from: '2000', to: null, rate: '0.20', amount: '467.00' },
    ]);
    expect(slip.lines.find((l) => l.code === 'PENSION')!.explanation).toBe('STD: 5% of gross 5600.00 capped at 4000 = 4000.00');
  });

  it('income below the allowance pays no tax and a base under the lower threshold pays no contribution', () => {
    const slip = calculatePayslip(input({ ruleSet, compensation: [{ ...salary60k, amount: '5400' }] }));
    expect(amounts(slip.lines)).toMatchObject({ SALARY: '450.00', INCOME_TAX: '0.00', PENSION: '0.00' });
    expect(slip.totals.net).toBe('450.00');
  });

  it('a percentage of a component that is not computed before it is a configuration error', () => {
    expect(() =>
      calculatePayslip(input({ components: [{ code: 'X', name: 'X', kind: 'earning', taxable: true, calculation: { type: 'percentage', rate: '0.1', base: 'component', component: 'LATER' } }] })),
    ).toThrow('LATER');
  });

  it('hours × rate components take their hours from the input', () => {
    const slip = calculatePayslip(
      input({
        components: [{ code: 'ONCALL', name: 'On-call', kind: 'earning', taxable: true, calculation: { type: 'hours_times_rate', rate: '3.333' } }],
        componentHours: { ONCALL: '3' },
      }),
    );
    expect(slip.lines[1]).toMatchObject({ code: 'ONCALL', amount: '10.00', explanation: '3 h × 3.333' });
  });

  it('is deterministic', () => {
    expect(calculatePayslip(full())).toEqual(calculatePayslip(full()));
  });

  it('net is exactly gross minus deductions, every line rounded to cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000_000 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 4999 }), (cents, unpaid, ratePerMille) => {
        const unpaidDays = Array.from({ length: unpaid }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
        const rate = (ratePerMille / 10000).toString();
        const slip = calculatePayslip(
          input({
            unpaidDays,
            compensation: [{ ...salary60k, amount: (cents / 100).toFixed(2) }],
            ruleSet: { ...ruleSet, taxBrackets: [{ threshold: '0', rate }, { threshold: '1000', rate: '0.333' }] },
            components: [{ code: 'PLAN', name: 'Plan', kind: 'pre_tax_deduction', taxable: false, calculation: { type: 'percentage', rate, base: 'gross' } }],
          }),
        );
        const cent = /^-?\d+\.\d{2}$/;
        for (const line of slip.lines) expect(line.amount).toMatch(cent);
        const sum = (kind: string) => slip.lines.filter((l) => l.kind === kind).reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);
        // integer cents: exact
        expect(Math.round(Number(slip.totals.net) * 100)).toBe(sum('earning') - sum('pre_tax_deduction') - sum('tax') - sum('post_tax_deduction'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('calculatePayslip: one-off earnings, off-cycle runs and half days', () => {
  const full = { ...ruleSet };

  it('a bonus is taxable, a reimbursement is in gross but not in taxable gross, and both come after the salary', () => {
    const slip = calculatePayslip(
      input({
        ruleSet: full,
        oneOffs: [
          { code: 'BONUS', name: 'Bonus', amount: '500', taxable: true, explanation: 'one-off bonus' },
          { code: 'REIMBURSEMENT', name: 'Reimbursement', amount: '42.50', taxable: false, explanation: 'expenses' },
        ],
      }),
    );
    expect(slip.lines.map((l) => [l.kind, l.code, l.amount])).toEqual([
      ['earning', 'SALARY', '5000.00'],
      ['earning', 'BONUS', '500.00'],
      ['earning', 'REIMBURSEMENT', '42.50'],
      // taxable 5500 − 1000 = 4500: 2000 × 10 % + 2500 × 20 % = 700
      ['tax', 'INCOME_TAX', '700.00'],
      // 5 % of gross 5542.50 capped at 4000
      ['tax', 'PENSION', '200.00'],
      ['employer_contribution', 'PENSION', '320.00'],
    ]);
    expect(slip.totals).toMatchObject({ gross: '5542.50', taxableGross: '5500.00', net: '4642.50' });
  });

  it('an off-cycle payslip pays only its one-offs: no salary, no hours, and a negative correction lowers gross', () => {
    const slip = calculatePayslip(
      input({
        ruleSet: full,
        skipBasePay: true,
        hours: [{ date: '2026-03-02', kind: 'overtime', hours: '4' }],
        oneOffs: [
          { code: 'BONUS', name: 'Bonus', amount: '2000', taxable: true, explanation: 'bonus' },
          { code: 'CORRECTION', name: 'Correction', amount: '-100', taxable: true, explanation: 'overpaid in February' },
        ],
      }),
    );
    expect(amounts(slip.lines)).toEqual({ BONUS: '2000.00', CORRECTION: '-100.00', INCOME_TAX: '90.00', PENSION: '152.00' });
    // taxable 1900 − 1000 = 900 × 10 % = 90; pension 5 % of 1900 = 95 employee, 8 % = 152 employer (the last PENSION line)
    expect(slip.lines.filter((l) => l.code === 'PENSION').map((l) => l.amount)).toEqual(['95.00', '152.00']);
    expect(slip.totals).toMatchObject({ gross: '1900.00', net: '1715.00' });
  });

  it('a half unpaid day takes half a day of salary; a day in both lists counts once as whole', () => {
    const slip = calculatePayslip(input({ prorationMethod: 'working_days', unpaidDays: ['2026-03-04'], unpaidHalfDays: ['2026-03-04', '2026-03-05'] }));
    // 22 working days in March 2026; 1.5 unpaid → 5000 × 20.5/22 = 4659.09
    expect(slip.lines[0].amount).toBe('4659.09');
    expect(slip.lines[0].detail).toMatchObject({ paidDays: 20.5, unpaidDays: 1.5 });
  });
});
