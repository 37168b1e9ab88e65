import { calculateTotals, currencyMinorUnit } from './totals.calculator';

const S20 = { taxCategory: 'S' as const, taxRate: '20' };
const S55 = { taxCategory: 'S' as const, taxRate: '5.5' };

describe('calculateTotals (EN 16931)', () => {
  it('rounds each line net to the minor unit, half-up', () => {
    const t = calculateTotals({
      currency: 'EUR',
      lines: [{ quantity: '3', unitPrice: '0.335', allowance: '0', ...S20 }],
      allowancesCharges: [],
    });
    expect(t.lines[0].netAmount).toBe('1.01'); // 1.005 -> 1.01 (half-up, not half-even)
    expect(t.lineTotal).toBe('1.01');
  });

  it('sums rounded line nets, not unrounded products', () => {
    const t = calculateTotals({
      currency: 'EUR',
      lines: [
        { quantity: '1', unitPrice: '0.005', ...S20 },
        { quantity: '1', unitPrice: '0.005', ...S20 },
      ],
      allowancesCharges: [],
    });
    expect(t.lines.map((l) => l.netAmount)).toEqual(['0.01', '0.01']);
    expect(t.lineTotal).toBe('0.02');
  });

  it('subtracts line allowances before rounding, and takes a 4-decimal quantity', () => {
    const t = calculateTotals({
      currency: 'EUR',
      lines: [{ quantity: '2.5005', unitPrice: '10.00', allowance: '1.50', ...S20 }],
      allowancesCharges: [],
    });
    // 25.005 - 1.50 = 23.505 -> 23.51
    expect(t.lines[0].netAmount).toBe('23.51');
  });

  it('computes a mixed-rate invoice with one rounding of tax per category and rate', () => {
    const t = calculateTotals({
      currency: 'EUR',
      lines: [
        { quantity: '3', unitPrice: '19.99', ...S20 }, // 59.97
        { quantity: '1', unitPrice: '0.33', ...S20 }, // 0.33
        { quantity: '7', unitPrice: '2.15', allowance: '0.05', ...S55 }, // 15.05 - 0.05 = 15.00
        { quantity: '1', unitPrice: '12.00', taxCategory: 'Z', taxRate: '0' },
      ],
      allowancesCharges: [],
    });
    expect(t.lineTotal).toBe('87.30');
    expect(t.taxBreakdown).toEqual([
      { taxCategory: 'S', taxRate: '20.00', taxableAmount: '60.30', taxAmount: '12.06', exemptionReason: null },
      { taxCategory: 'S', taxRate: '5.50', taxableAmount: '15.00', taxAmount: '0.83', exemptionReason: null },
      { taxCategory: 'Z', taxRate: '0.00', taxableAmount: '12.00', taxAmount: '0.00', exemptionReason: null },
    ]);
    expect(t.taxTotal).toBe('12.89');
    expect(t.taxExclusiveAmount).toBe('87.30');
    expect(t.taxInclusiveAmount).toBe('100.19');
    expect(t.payableAmount).toBe('100.19');
  });

  it('applies document allowances and charges to the taxable amount of their category', () => {
    const t = calculateTotals({
      currency: 'EUR',
      lines: [
        { quantity: '10', unitPrice: '10.00', ...S20 }, // 100.00
        { quantity: '1', unitPrice: '50.00', ...S55 }, // 50.00
      ],
      allowancesCharges: [
        { chargeIndicator: false, amount: '10.00', reason: 'Loyalty', ...S20 },
        { chargeIndicator: true, amount: '5.00', reason: 'Freight', ...S55 },
      ],
      prepaidAmount: '20.00',
    });
    expect(t.allowanceTotal).toBe('10.00');
    expect(t.chargeTotal).toBe('5.00');
    expect(t.taxExclusiveAmount).toBe('145.00');
    expect(t.taxBreakdown.map((b) => [b.taxableAmount, b.taxAmount])).toEqual([
      ['90.00', '18.00'],
      ['55.00', '3.03'], // 3.025 -> 3.03 half-up
    ]);
    expect(t.taxInclusiveAmount).toBe('166.03');
    expect(t.prepaidAmount).toBe('20.00');
    expect(t.payableAmount).toBe('146.03');
  });

  it('reverse charge AE: zero tax, exemption reason carried to the breakdown', () => {
    const t = calculateTotals({
      currency: 'EUR',
      lines: [{ quantity: '2', unitPrice: '500.00', taxCategory: 'AE', taxRate: '0', exemptionReason: 'Reverse charge' }],
      allowancesCharges: [],
    });
    expect(t.taxBreakdown).toEqual([
      { taxCategory: 'AE', taxRate: '0.00', taxableAmount: '1000.00', taxAmount: '0.00', exemptionReason: 'Reverse charge' },
    ]);
    expect(t.taxInclusiveAmount).toBe('1000.00');
  });

  it('uses 3 decimals for BHD and 0 for JPY', () => {
    expect(currencyMinorUnit('BHD')).toBe(3);
    expect(currencyMinorUnit('JPY')).toBe(0);
    expect(currencyMinorUnit('EUR')).toBe(2);
    const bhd = calculateTotals({
      currency: 'BHD',
      lines: [{ quantity: '3', unitPrice: '1.2345', taxCategory: 'S', taxRate: '10' }],
      allowancesCharges: [],
    });
    expect(bhd.lines[0].netAmount).toBe('3.704'); // 3.7035 -> 3.704
    expect(bhd.taxBreakdown[0].taxAmount).toBe('0.370'); // 0.3704 -> 0.370
    expect(bhd.taxInclusiveAmount).toBe('4.074');
    const jpy = calculateTotals({
      currency: 'JPY',
      lines: [{ quantity: '3', unitPrice: '333.5', taxCategory: 'S', taxRate: '10' }],
      allowancesCharges: [],
    });
    expect(jpy.lines[0].netAmount).toBe('1001'); // 1000.5 -> 1001
    expect(jpy.taxTotal).toBe('100'); // 100.1 -> 100
  });

  it('keeps a line whose allowance exceeds its gross as a negative net', () => {
    const t = calculateTotals({
      currency: 'EUR',
      lines: [{ quantity: '1', unitPrice: '5.00', allowance: '6.00', ...S20 }],
      allowancesCharges: [],
    });
    expect(t.lines[0].netAmount).toBe('-1.00');
  });

  it('rounds negative amounts half away from zero', () => {
    const t = calculateTotals({
      currency: 'EUR',
      lines: [{ quantity: '-1', unitPrice: '0.125', ...S20 }],
      allowancesCharges: [],
    });
    expect(t.lines[0].netAmount).toBe('-0.13');
  });

  it('returns zeros for an invoice without lines', () => {
    const t = calculateTotals({ currency: 'EUR', lines: [], allowancesCharges: [] });
    expect(t.taxBreakdown).toEqual([]);
    expect(t.payableAmount).toBe('0.00');
  });
});
