import Decimal from 'decimal.js';

/** Quantities (3 decimals) and costs (4 decimals) are exact decimals; costs round half-even. */
export const Qty = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Qty = Decimal;
export const COST_PLACES = 4;

export const roundCost = (d: Decimal): Decimal => d.toDecimalPlaces(COST_PLACES, Decimal.ROUND_HALF_EVEN);

export interface Pool {
  quantity: Decimal;
  value: Decimal;
}

/** Unit cost of what is in the pool now (0 when empty). */
export function averageUnitCost(pool: Pool): Decimal {
  return pool.quantity.isZero() ? new Qty(0) : roundCost(pool.value.div(pool.quantity));
}

/** Cost taken out by an issue at moving average; taking everything takes the whole value (no residue). */
export function movingAverageCost(pool: Pool, quantity: Decimal): Decimal {
  if (quantity.gt(pool.quantity)) throw new Error(`cannot take ${quantity.toString()} out of a pool of ${pool.quantity.toString()}`);
  if (quantity.eq(pool.quantity)) return pool.value;
  return roundCost(pool.value.times(quantity).div(pool.quantity));
}

export interface CostLayer {
  id: string;
  remaining: Decimal;
  unitCost: Decimal;
}

export interface FifoConsumption {
  cost: Decimal;
  /** Quantity taken from each layer, oldest first. */
  takes: Array<{ id: string; quantity: Decimal }>;
}

/** Consumes layers oldest first; `layers` must already be in receipt order. */
export function fifoCost(layers: CostLayer[], quantity: Decimal): FifoConsumption {
  let left = quantity;
  let cost = new Qty(0);
  const takes: FifoConsumption['takes'] = [];
  for (const layer of layers) {
    if (left.isZero()) break;
    const take = Decimal.min(left, layer.remaining);
    if (take.isZero()) continue;
    cost = cost.plus(take.times(layer.unitCost));
    takes.push({ id: layer.id, quantity: take });
    left = left.minus(take);
  }
  if (!left.isZero()) throw new Error(`cost layers hold ${quantity.minus(left).toString()}, ${quantity.toString()} requested`);
  return { cost: roundCost(cost), takes };
}
