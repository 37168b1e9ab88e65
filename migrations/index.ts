import { Platform1764400000000 } from './1764400000000-platform';
import { HrCore1764400001000 } from './1764400001000-hr-core';
import { InventoryLedger1764400002000 } from './1764400002000-inventory-ledger';
import { InventoryReservations1764400002100 } from './1764400002100-inventory-reservations';
import { InventoryCounts1764400002200 } from './1764400002200-inventory-counts';
import { InventoryPurchaseOrders1764400002300 } from './1764400002300-inventory-purchase-orders';

/** Every migration, in order. A new migration is added here as well as in its file. */
export const MIGRATIONS = [Platform1764400000000, HrCore1764400001000, InventoryLedger1764400002000, InventoryReservations1764400002100, InventoryCounts1764400002200, InventoryPurchaseOrders1764400002300];
