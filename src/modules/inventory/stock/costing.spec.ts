import { averageUnitCost, fifoCost, movingAverageCost, Qty } from './costing';

const d = (s: string) => new Qty(s);

describe('costing', () => {
  it('moving average: 10 @ 5.00 and 10 @ 7.00, issue 15 costs 90.00 and leaves 30.00', () => {
    const pool = { quantity: d('20'), value: d('120') };
    expect(averageUnitCost(pool).toFixed(4)).toBe('6.0000');
    const cost = movingAverageCost(pool, d('15'));
    expect(cost.toFixed(2)).toBe('90.00');
    expect(pool.value.minus(cost).toFixed(2)).toBe('30.00');
  });

  it('moving average takes the whole value with the last unit (no rounding residue)', () => {
    const pool = { quantity: d('3'), value: d('10') };
    const first = movingAverageCost(pool, d('1'));
    expect(first.toFixed(4)).toBe('3.3333');
    const rest = { quantity: d('2'), value: pool.value.minus(first) };
    expect(movingAverageCost(rest, d('2')).toFixed(4)).toBe('6.6667');
  });

  it('moving average refuses to take more than the pool', () => {
    expect(() => movingAverageCost({ quantity: d('1'), value: d('5') }, d('1.001'))).toThrow();
  });

  it('FIFO: 10 @ 5.00 and 10 @ 7.00, issue 15 costs 85.00 from both layers', () => {
    const layers = [
      { id: 'a', remaining: d('10'), unitCost: d('5') },
      { id: 'b', remaining: d('10'), unitCost: d('7') },
    ];
    const r = fifoCost(layers, d('15'));
    expect(r.cost.toFixed(2)).toBe('85.00');
    expect(r.takes.map((t) => [t.id, t.quantity.toString()])).toEqual([['a', '10'], ['b', '5']]);
  });

  it('FIFO handles fractional quantities and rounds the cost half-even to 4 places', () => {
    const r = fifoCost([{ id: 'a', remaining: d('0.5'), unitCost: d('0.0001') }, { id: 'b', remaining: d('2.125'), unitCost: d('1.2345') }], d('1.5'));
    expect(r.cost.toFixed(4)).toBe('1.2346');
  });

  it('FIFO refuses when the layers hold too little', () => {
    expect(() => fifoCost([{ id: 'a', remaining: d('1'), unitCost: d('1') }], d('2'))).toThrow();
  });
});
