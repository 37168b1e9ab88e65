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
