import { defineEventTypes } from '../../platform/events/event-types';
import { S } from '../../platform/events/json-schema';
import { COUNT_STATUSES } from './counts/count.entity';
import type { CountStatus } from './counts/count.entity';
import type { PurchaseOrderDto } from './purchase-orders/dto/purchase-order.dto';
import { PURCHASE_ORDER_STATUSES } from './purchase-orders/purchase-order.entity';
import type { Item } from './items/item.entity';
import { TRACKINGS, VALUATION_METHODS } from './items/item.entity';
import type { Supplier } from './suppliers/supplier.entity';
import { LOCATION_KINDS } from './warehouses/location.entity';
import type { Location } from './warehouses/location.entity';
import type { Warehouse } from './warehouses/warehouse.entity';

/**
 * Inventory's master data, purchase order drafts and stock counts as they are after the change:
 * what an integrator needs to mirror them. Updates name the fields that changed in `changedFields`
 * (empty otherwise). Free text (descriptions, notes) and a supplier's contact person are not in
 * the payload; `changedFields` says when they changed.
 */
export interface ItemChangedPayload {
  itemId: string;
  sku: string;
  name: string;
  unitOfMeasure: string;
  category: string | null;
  tracking: string;
  valuationMethod: string;
  reorderPoint: string | null;
  reorderQuantity: string | null;
  preferredSupplierId: string | null;
  active: boolean;
  changedFields: string[];
}

export interface WarehouseChangedPayload {
  warehouseId: string;
  code: string;
  name: string;
  address: string | null;
  active: boolean;
  changedFields: string[];
}

export interface LocationChangedPayload {
  locationId: string;
  warehouseId: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  receivable: boolean;
  pickable: boolean;
  active: boolean;
  changedFields: string[];
}

export interface SupplierChangedPayload {
  supplierId: string;
  name: string;
  taxId: string | null;
  currency: string;
  leadTimeDays: number;
  changedFields: string[];
}

export interface PurchaseOrderChangedPayload {
  purchaseOrderId: string;
  number: string;
  supplierId: string;
  status: string;
  currency: string;
  overReceiptTolerancePercent: string;
  expectedDate: string | null;
  total: string;
  lines: Array<{ lineNo: number; itemId: string; quantity: string; unitCost: string }>;
  changedFields: string[];
}

export interface CountChangedPayload {
  countId: string;
  locationId: string;
  status: CountStatus;
}

export interface CountRecordedPayload {
  countId: string;
  locationId: string;
  /** The lines of this recording call (a line counted again replaces the earlier figure). */
  lines: Array<{ itemId: string; lotNumber: string | null; countedQuantity: string }>;
}

declare module '../../platform/events/catalogue' {
  interface EventCatalogue {
    'inventory.item.created': ItemChangedPayload;
    'inventory.item.updated': ItemChangedPayload;
    'inventory.warehouse.created': WarehouseChangedPayload;
    'inventory.warehouse.updated': WarehouseChangedPayload;
    'inventory.location.created': LocationChangedPayload;
    'inventory.location.updated': LocationChangedPayload;
    'inventory.supplier.created': SupplierChangedPayload;
    'inventory.supplier.updated': SupplierChangedPayload;
    'inventory.purchase_order.created': PurchaseOrderChangedPayload;
    'inventory.purchase_order.updated': PurchaseOrderChangedPayload;
    'inventory.count.opened': CountChangedPayload;
    'inventory.count.recorded': CountRecordedPayload;
    'inventory.count.cancelled': CountChangedPayload;
  }
}

export const itemPayload = (i: Item, changedFields: string[] = []): ItemChangedPayload => ({
  itemId: i.id,
  sku: i.sku,
  name: i.name,
  unitOfMeasure: i.unitOfMeasure,
  category: i.category,
  tracking: i.tracking,
  valuationMethod: i.valuationMethod,
  reorderPoint: i.reorderPoint,
  reorderQuantity: i.reorderQuantity,
  preferredSupplierId: i.preferredSupplierId,
  active: i.active,
  changedFields,
});

export const warehousePayload = (w: Warehouse, changedFields: string[] = []): WarehouseChangedPayload => ({
  warehouseId: w.id,
  code: w.code,
  name: w.name,
  address: w.address,
  active: w.active,
  changedFields,
});

export const locationPayload = (l: Location, changedFields: string[] = []): LocationChangedPayload => ({
  locationId: l.id,
  warehouseId: l.warehouseId,
  parentId: l.parentId,
  code: l.code,
  name: l.name,
  kind: l.kind,
  receivable: l.receivable,
  pickable: l.pickable,
  active: l.active,
  changedFields,
});

export const supplierPayload = (s: Supplier, changedFields: string[] = []): SupplierChangedPayload => ({
  supplierId: s.id,
  name: s.name,
  taxId: s.taxId,
  currency: s.currency,
  leadTimeDays: s.leadTimeDays,
  changedFields,
});

export const purchaseOrderPayload = (p: PurchaseOrderDto, changedFields: string[] = []): PurchaseOrderChangedPayload => ({
  purchaseOrderId: p.id,
  number: p.number,
  supplierId: p.supplierId,
  status: p.status,
  currency: p.currency,
  overReceiptTolerancePercent: p.overReceiptTolerancePercent,
  expectedDate: p.expectedDate,
  total: p.total,
  lines: p.lines.map((l) => ({ lineNo: l.lineNo, itemId: l.itemId, quantity: l.quantity, unitCost: l.unitCost })),
  changedFields,
});

const quantity = S.decimal({ precision: 14, scale: 3, min: '0' });
const sku = S.string(64, { pattern: '^[A-Z0-9][A-Z0-9._-]*$' });
const currency = S.string(3, { pattern: '^[A-Z]{3}$' });

const itemSchema = S.object({
  itemId: S.uuid(),
  sku,
  name: S.string(200),
  unitOfMeasure: S.string(20),
  category: S.nullable(S.string(100)),
  tracking: S.enum(TRACKINGS),
  valuationMethod: S.enum(VALUATION_METHODS),
  reorderPoint: S.nullable(quantity),
  reorderQuantity: S.nullable(quantity),
  preferredSupplierId: S.nullable(S.uuid()),
  active: S.boolean(),
  changedFields: S.array(S.enum(['sku', 'name', 'description', 'unitOfMeasure', 'category', 'reorderPoint', 'reorderQuantity', 'preferredSupplierId', 'active']), 9),
});
const warehouseSchema = S.object({
  warehouseId: S.uuid(),
  code: S.string(20, { pattern: '^[A-Z0-9][A-Z0-9_-]*$' }),
  name: S.string(200),
  address: S.nullable(S.string(500)),
  active: S.boolean(),
  changedFields: S.array(S.enum(['name', 'address', 'active']), 3),
});
const locationSchema = S.object({
  locationId: S.uuid(),
  warehouseId: S.uuid(),
  parentId: S.nullable(S.uuid()),
  code: S.string(50, { pattern: '^[A-Z0-9][A-Z0-9._-]*$' }),
  name: S.string(200),
  kind: S.enum(LOCATION_KINDS),
  receivable: S.boolean(),
  pickable: S.boolean(),
  active: S.boolean(),
  changedFields: S.array(S.enum(['parentId', 'name', 'receivable', 'pickable', 'active']), 5),
});
const supplierSchema = S.object({
  supplierId: S.uuid(),
  name: S.string(200),
  taxId: S.nullable(S.string(50)),
  currency,
  leadTimeDays: S.int32(0, 3650),
  changedFields: S.array(S.enum(['name', 'contactName', 'contactEmail', 'phone', 'taxId', 'currency', 'leadTimeDays']), 7),
});
const purchaseOrderSchema = S.object({
  purchaseOrderId: S.uuid(),
  number: S.string(27, { pattern: '^PO-\\d{4}-\\d{6,19}$' }),
  supplierId: S.uuid(),
  status: S.enum(PURCHASE_ORDER_STATUSES),
  currency,
  overReceiptTolerancePercent: S.decimal({ precision: 5, scale: 2, min: '0' }),
  expectedDate: S.nullable(S.date()),
  total: S.decimal({ precision: 24, scale: 2, min: '0' }),
  lines: S.array(S.object({ lineNo: S.int32(1, 500), itemId: S.uuid(), quantity, unitCost: S.decimal({ precision: 18, scale: 4, min: '0' }) }), 500),
  changedFields: S.array(S.enum(['overReceiptTolerancePercent', 'expectedDate', 'note', 'lines']), 4),
});
const countSchema = S.object({ countId: S.uuid(), locationId: S.uuid(), status: S.enum(COUNT_STATUSES) });

defineEventTypes({
  'inventory.item.created': { description: 'An item was created (through the API or a CSV import).', aggregateType: 'item', schema: itemSchema },
  'inventory.item.updated': { description: 'An item changed (SKU, name, description, unit, category, reorder settings, preferred supplier or active flag); `changedFields` names what.', aggregateType: 'item', schema: itemSchema },
  'inventory.warehouse.created': { description: 'A warehouse was created.', aggregateType: 'warehouse', schema: warehouseSchema },
  'inventory.warehouse.updated': { description: 'A warehouse changed (name, address or active flag); `changedFields` names what.', aggregateType: 'warehouse', schema: warehouseSchema },
  'inventory.location.created': { description: 'A location (zone, shelf or bin) was created in a warehouse.', aggregateType: 'location', schema: locationSchema },
  'inventory.location.updated': { description: 'A location changed (parent, name, receivable, pickable or active flag); `changedFields` names what.', aggregateType: 'location', schema: locationSchema },
  'inventory.supplier.created': { description: 'A supplier was created (through the API or a CSV import); its contact person is not in the payload.', aggregateType: 'supplier', schema: supplierSchema },
  'inventory.supplier.updated': { description: 'A supplier changed; `changedFields` names what (contact fields by name only).', aggregateType: 'supplier', schema: supplierSchema },
  'inventory.purchase_order.created': { description: 'A purchase order was drafted, with its lines.', aggregateType: 'purchase_order', schema: purchaseOrderSchema },
  'inventory.purchase_order.updated': { description: 'A draft purchase order changed (lines, tolerance, expected date or note); `changedFields` names what.', aggregateType: 'purchase_order', schema: purchaseOrderSchema },
  'inventory.count.opened': { description: 'A stock count was opened for a location.', aggregateType: 'count', schema: countSchema },
  'inventory.count.recorded': {
    description: 'Counted quantities were recorded on an open stock count; `lines` are those of this recording (a line counted again replaces the earlier figure).',
    aggregateType: 'count',
    schema: S.object({ countId: S.uuid(), locationId: S.uuid(), lines: S.array(S.object({ itemId: S.uuid(), lotNumber: S.nullable(S.string(64)), countedQuantity: quantity }), 1000) }),
  },
  'inventory.count.cancelled': { description: 'An open stock count was cancelled; nothing was booked.', aggregateType: 'count', schema: countSchema },
});
