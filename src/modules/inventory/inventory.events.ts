import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import { MAX_COUNT_LINES } from './counts/dto/count.dto';
import { PURCHASE_ORDER_STATUSES } from './purchase-orders/purchase-order.entity';
import { RESERVATION_REFERENCE_TYPES, RESERVATION_STATUSES } from './reservations/reservation.entity';
import { MOVE_KINDS, REFERENCE_TYPES } from './stock/stock-move.entity';
import type { MoveKind, ReferenceType } from './stock/stock-move.entity';

export interface StockMovedPayload {
  moveId: string;
  kind: MoveKind;
  itemId: string;
  sku: string;
  quantity: string;
  fromLocationId: string | null;
  toLocationId: string | null;
  lotId: string | null;
  serialNumber: string | null;
  unitCost: string | null;
  totalCost: string | null;
  referenceType: ReferenceType;
  referenceId: string | null;
  occurredAt: string;
}

export interface ItemBelowReorderPointPayload {
  itemId: string;
  sku: string;
  available: string;
  reorderPoint: string;
  reorderQuantity: string | null;
  preferredSupplierId: string | null;
}

export interface ReservationPayload {
  reservationId: string;
  itemId: string;
  locationId: string;
  quantity: string;
  referenceType: string;
  referenceId: string | null;
  status: string;
}

export interface CountPostedPayload {
  countId: string;
  locationId: string;
  postedAt: string;
  lines: Array<{ itemId: string; lotNumber: string | null; expected: string; counted: string; difference: string }>;
}

export interface PurchaseOrderPayload {
  purchaseOrderId: string;
  number: string;
  supplierId: string;
  status: string;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'inventory.stock.received': StockMovedPayload;
    'inventory.stock.issued': StockMovedPayload;
    'inventory.stock.transferred': StockMovedPayload;
    'inventory.stock.adjusted': StockMovedPayload;
    'inventory.stock.returned': StockMovedPayload;
    'inventory.item.below_reorder_point': ItemBelowReorderPointPayload;
    'inventory.reservation.created': ReservationPayload;
    'inventory.reservation.released': ReservationPayload;
    'inventory.reservation.consumed': ReservationPayload;
    'inventory.reservation.expired': ReservationPayload;
    'inventory.count.posted': CountPostedPayload;
    'inventory.purchase_order.ordered': PurchaseOrderPayload;
    'inventory.purchase_order.partially_received': PurchaseOrderPayload;
    'inventory.purchase_order.received': PurchaseOrderPayload;
    'inventory.purchase_order.cancelled': PurchaseOrderPayload;
  }
}

export const INVENTORY_EVENT_TOPICS = [
  'inventory.stock.received',
  'inventory.stock.issued',
  'inventory.stock.transferred',
  'inventory.stock.adjusted',
  'inventory.stock.returned',
  'inventory.item.below_reorder_point',
  'inventory.reservation.created',
  'inventory.reservation.released',
  'inventory.reservation.consumed',
  'inventory.reservation.expired',
  'inventory.count.posted',
  'inventory.purchase_order.ordered',
  'inventory.purchase_order.partially_received',
  'inventory.purchase_order.received',
  'inventory.purchase_order.cancelled',
] as const;

const stockMoved = S.object({
  moveId: S.uuid(),
  kind: S.enum(MOVE_KINDS),
  itemId: S.uuid(),
  sku: S.string(64),
  quantity: S.decimal({ precision: 14, scale: 3, min: '0', description: 'Quantity moved, in the item\'s unit.' }),
  fromLocationId: S.nullable(S.uuid()),
  toLocationId: S.nullable(S.uuid()),
  lotId: S.nullable(S.uuid()),
  serialNumber: S.nullable(S.string(100)),
  unitCost: S.nullable(S.decimal({ precision: 18, scale: 4, min: '0' })),
  totalCost: S.nullable(S.decimal({ precision: 20, scale: 4 })),
  referenceType: S.enum(REFERENCE_TYPES),
  referenceId: S.nullable(S.string(100)),
  occurredAt: S.dateTime(),
});

const reservation = S.object({
  reservationId: S.uuid(),
  itemId: S.uuid(),
  locationId: S.uuid(),
  quantity: S.decimal({ precision: 14, scale: 3, min: '0' }),
  referenceType: S.enum(RESERVATION_REFERENCE_TYPES),
  referenceId: S.nullable(S.string(100)),
  status: S.enum(RESERVATION_STATUSES),
});

const purchaseOrder = S.object({ purchaseOrderId: S.uuid(), number: S.string(27, { pattern: '^PO-\\d{4}-\\d{6,19}$' }), supplierId: S.uuid(), status: S.enum(PURCHASE_ORDER_STATUSES) });

defineEventTypes({
  'inventory.stock.received': { description: 'Stock was received into a location (a receipt move).', aggregateType: 'item', schema: stockMoved },
  'inventory.stock.issued': { description: 'Stock was issued out of a location (e.g. for an invoice).', aggregateType: 'item', schema: stockMoved },
  'inventory.stock.transferred': { description: 'Stock moved between two locations.', aggregateType: 'item', schema: stockMoved },
  'inventory.stock.adjusted': { description: 'Stock was adjusted by hand or corrected by a posted count (`kind` says which).', aggregateType: 'item', schema: stockMoved },
  'inventory.stock.returned': { description: 'Stock came back into a location (a return).', aggregateType: 'item', schema: stockMoved },
  'inventory.item.below_reorder_point': {
    description: 'An item\'s available quantity fell to or below its reorder point.',
    aggregateType: 'item',
    schema: S.object({
      itemId: S.uuid(),
      sku: S.string(64),
      available: S.decimal({ precision: 17, scale: 3 }),
      reorderPoint: S.decimal({ precision: 14, scale: 3, min: '0' }),
      reorderQuantity: S.nullable(S.decimal({ precision: 14, scale: 3, min: '0' })),
      preferredSupplierId: S.nullable(S.uuid()),
    }),
  },
  'inventory.reservation.created': { description: 'Stock was reserved at a location.', aggregateType: 'reservation', schema: reservation },
  'inventory.reservation.released': { description: 'A reservation was released; the stock is available again.', aggregateType: 'reservation', schema: reservation },
  'inventory.reservation.consumed': { description: 'A reservation was consumed by an issue of stock.', aggregateType: 'reservation', schema: reservation },
  'inventory.reservation.expired': { description: 'A reservation expired without being consumed.', aggregateType: 'reservation', schema: reservation },
  'inventory.count.posted': {
    description: 'A stock count was posted; its differences were booked as count corrections.',
    aggregateType: 'count',
    schema: S.object({
      countId: S.uuid(),
      locationId: S.uuid(),
      postedAt: S.dateTime(),
      lines: S.array(
        S.object({ itemId: S.uuid(), lotNumber: S.nullable(S.string(64)), expected: S.decimal({ precision: 14, scale: 3, min: '0' }), counted: S.decimal({ precision: 14, scale: 3, min: '0' }), difference: S.decimal({ precision: 15, scale: 3 }) }),
        MAX_COUNT_LINES,
      ),
    }),
  },
  'inventory.purchase_order.ordered': { description: 'A purchase order was sent to its supplier.', aggregateType: 'purchase_order', schema: purchaseOrder },
  'inventory.purchase_order.partially_received': { description: 'Part of a purchase order was received.', aggregateType: 'purchase_order', schema: purchaseOrder },
  'inventory.purchase_order.received': { description: 'A purchase order was received in full.', aggregateType: 'purchase_order', schema: purchaseOrder },
  'inventory.purchase_order.cancelled': { description: 'A purchase order was cancelled.', aggregateType: 'purchase_order', schema: purchaseOrder },
});
