import { Qty } from '../stock/costing';
import { suggestedQuantity } from './reorder.service';

const d = (s: string) => new Qty(s);

describe('suggestedQuantity', () => {
  it('orders the reorder quantity when that covers the gap', () => {
    expect(suggestedQuantity(d('5'), d('20'), d('4')).toFixed(3)).toBe('20.000');
  });
  it('orders up to the point when the gap is larger than the reorder quantity', () => {
    expect(suggestedQuantity(d('100'), d('20'), d('-30.5')).toFixed(3)).toBe('130.500');
  });
  it('without a reorder quantity, orders the gap', () => {
    expect(suggestedQuantity(d('10'), null, d('7.25')).toFixed(3)).toBe('2.750');
  });
});
