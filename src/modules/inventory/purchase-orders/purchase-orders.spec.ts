import { maxReceivable, PURCHASE_ORDER_TRANSITIONS } from './purchase-orders.service';

describe('purchase orders', () => {
  it('maxReceivable adds the tolerance and rounds down to 3 decimals', () => {
    expect(maxReceivable('100', '0').toFixed(3)).toBe('100.000');
    expect(maxReceivable('100', '5').toFixed(3)).toBe('105.000');
    expect(maxReceivable('3.333', '2.5').toFixed(3)).toBe('3.416');
  });

  it('transitions: receiving needs an order; received and cancelled are final', () => {
    expect(PURCHASE_ORDER_TRANSITIONS.can('draft', 'receive_part')).toBe(false);
    expect(PURCHASE_ORDER_TRANSITIONS.next('ordered', 'receive_all')).toBe('received');
    expect(PURCHASE_ORDER_TRANSITIONS.next('partially_received', 'cancel')).toBe('cancelled');
    expect(PURCHASE_ORDER_TRANSITIONS.allowedActions('received')).toEqual([]);
    expect(PURCHASE_ORDER_TRANSITIONS.allowedActions('cancelled')).toEqual([]);
  });
});
