import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum InventoryErrorCode {
  InsufficientStock = 'insufficient_stock',
  SerialNotInStock = 'serial_not_in_stock',
  TrackingMismatch = 'tracking_mismatch',
  LocationNotUsable = 'location_not_usable',
  ItemInactive = 'item_inactive',
  LocationCycle = 'location_cycle',
  AsOfNeedsFilter = 'as_of_needs_filter',
  OverReceipt = 'over_receipt',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const INVENTORY_PROBLEMS: Record<InventoryErrorCode, ProblemDefinition> = {
  [InventoryErrorCode.InsufficientStock]: { status: 409, title: 'Insufficient stock' },
  [InventoryErrorCode.SerialNotInStock]: { status: 409, title: 'Serial number not in stock there' },
  [InventoryErrorCode.TrackingMismatch]: { status: 422, title: 'Lot or serial does not fit the item tracking' },
  [InventoryErrorCode.LocationNotUsable]: { status: 422, title: 'Location cannot be used for this move' },
  [InventoryErrorCode.ItemInactive]: { status: 422, title: 'Item is inactive' },
  [InventoryErrorCode.LocationCycle]: { status: 422, title: 'Location would be its own ancestor' },
  [InventoryErrorCode.AsOfNeedsFilter]: { status: 422, title: 'Filter required' },
  [InventoryErrorCode.OverReceipt]: { status: 409, title: 'Receipt beyond the ordered quantity and tolerance' },
};

export class InventoryException extends ProblemException {
  constructor(code: InventoryErrorCode, detail: string, extensions: Record<string, unknown> = {}, field?: string) {
    const def = INVENTORY_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, field ? [{ field, message: detail }] : undefined);
  }
}
