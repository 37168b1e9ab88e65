/** The inventory module's public surface. Other modules import from here only. */
export { InventoryModule } from './inventory.module';
export { InventoryFacade } from './inventory.facade';
export type { WarehouseValueRow } from './inventory.facade';
export type { IssueStockRequest, ReturnStockRequest, ReserveStockRequest, ReservationSummary, StockLevelSummary, StockMoveSummary } from './inventory.facade';
export * from './inventory.events';
export * from './inventory-changes.events';
export { INVENTORY_PROBLEMS, InventoryErrorCode } from './inventory.errors';
export { INVENTORY_READ, INVENTORY_WRITE } from './inventory.scopes';
export type { MoveKind, ReferenceType } from './stock/stock-move.entity';
export { CreateItemDto } from './items/dto/item.dto';
export { CreateSupplierDto } from './suppliers/dto/supplier.dto';
