import { registerScopes } from '../../platform/auth/scopes';
import { registerConstraints } from '../../platform/http/problem';

export const INVENTORY_READ = 'inventory:read';
export const INVENTORY_WRITE = 'inventory:write';

registerScopes({
  [INVENTORY_READ]: 'Read items, warehouses, suppliers, stock, the stock ledger and inventory reports.',
  [INVENTORY_WRITE]: 'Create and change inventory master data, record stock moves, reservations, counts and purchase orders.',
});

registerConstraints({
  uq_inv_items_sku: { field: 'sku', message: 'An item with this SKU already exists.' },
  ck_inv_items_sku: { field: 'sku', message: 'Must be upper-case letters, digits, ".", "_" or "-".' },
  ck_inv_items_tracking: { field: 'tracking', message: 'Unknown tracking.' },
  ck_inv_items_valuation_method: { field: 'valuationMethod', message: 'Unknown valuation method.' },
  ck_inv_items_reorder_point: { field: 'reorderPoint', message: 'Cannot be negative.' },
  ck_inv_items_reorder_quantity: { field: 'reorderQuantity', message: 'Must be above zero.' },
  fk_inv_items_preferred_supplier: { field: 'preferredSupplierId', message: 'The supplier does not exist.' },
  ck_inv_suppliers_currency: { field: 'currency', message: 'Must be an upper-case ISO 4217 code.' },
  ck_inv_suppliers_lead_time: { field: 'leadTimeDays', message: 'Must be between 0 and 3650.' },
  uq_inv_warehouses_code: { field: 'code', message: 'A warehouse with this code already exists.' },
  ck_inv_warehouses_code: { field: 'code', message: 'Must be upper-case letters, digits, "_" or "-".' },
  uq_inv_locations_code: { field: 'code', message: 'A location with this code already exists in the warehouse.' },
  ck_inv_locations_code: { field: 'code', message: 'Must be upper-case letters, digits, ".", "_" or "-".' },
  ck_inv_locations_kind: { field: 'kind', message: 'Unknown location kind.' },
  fk_inv_locations_warehouse: { field: 'warehouseId', message: 'The warehouse does not exist.' },
  fk_inv_locations_parent: { field: 'parentId', message: 'The parent location does not exist in this warehouse.' },
  ck_inv_locations_not_own_parent: { field: 'parentId', message: 'A location cannot be its own parent.' },
  uq_inv_lots_number: { field: 'lotNumber', message: 'This lot number already exists for the item.' },
  uq_inv_serials_number: { field: 'serialNumbers', message: 'This serial number already exists for the item.' },
  fk_inv_stock_moves_item: { field: 'itemId', message: 'The item does not exist.' },
  fk_inv_stock_moves_from: { field: 'fromLocationId', message: 'The location does not exist.' },
  fk_inv_stock_moves_to: { field: 'toLocationId', message: 'The location does not exist.' },
  ck_inv_stock_moves_sides: { field: 'kind', message: 'The from/to locations do not fit the move kind.' },
  ck_inv_stock_moves_quantity: { field: 'quantity', message: 'Must be above zero.' },
  ck_inv_stock_moves_receipt_cost: { field: 'unitCost', message: 'A receipt needs a unit cost.' },
  fk_inv_stock_levels_location: { field: 'locationId', message: 'The location does not exist.' },
  fk_inv_stock_levels_item: { field: 'itemId', message: 'The item does not exist.' },
  fk_inv_stock_levels_item_sku: { field: 'itemId', message: 'The item does not exist, or its SKU changed meanwhile; retry.' },
  fk_inv_reservations_location: { field: 'locationId', message: 'The location does not exist.' },
  ck_inv_reservations_quantity: { field: 'quantity', message: 'Must be above zero.' },
  uq_inv_counts_open_location: { field: 'locationId', message: 'This location already has an open count.' },
  fk_inv_counts_location: { field: 'locationId', message: 'The location does not exist.' },
  fk_inv_purchase_order_lines_item: { field: 'lines', message: 'An item on a line does not exist.' },
  ck_inv_purchase_orders_tolerance: { field: 'overReceiptTolerancePercent', message: 'Must be between 0 and 100.' },
  ck_inv_stock_moves_adjustment_reason: { field: 'reason', message: 'An adjustment needs a reason.' },
});
