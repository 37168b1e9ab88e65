import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StockCount, StockCountLine } from './counts/count.entity';
import { CountsController } from './counts/counts.controller';
import { CountsService } from './counts/counts.service';
import { InventoryFacade } from './inventory.facade';
import { InventoryJobs } from './inventory.jobs';
import { PurchaseOrder, PurchaseOrderLine } from './purchase-orders/purchase-order.entity';
import { PurchaseOrdersController } from './purchase-orders/purchase-orders.controller';
import { PurchaseOrdersService } from './purchase-orders/purchase-orders.service';
import { ReorderController } from './reports/reorder.controller';
import { ReorderService } from './reports/reorder.service';
import { Reservation } from './reservations/reservation.entity';
import { ReservationsController } from './reservations/reservations.controller';
import { ReservationsService } from './reservations/reservations.service';
import './inventory.scopes';
import { Item } from './items/item.entity';
import { ItemsController } from './items/items.controller';
import { ItemsService } from './items/items.service';
import { StockMove } from './stock/stock-move.entity';
import { StockController } from './stock/stock.controller';
import { StockLedgerService } from './stock/stock-ledger.service';
import { StockService } from './stock/stock.service';
import { Supplier } from './suppliers/supplier.entity';
import { SuppliersController } from './suppliers/suppliers.controller';
import { SuppliersService } from './suppliers/suppliers.service';
import { Lot } from './tracking/lot.entity';
import { Serial } from './tracking/serial.entity';
import { TrackingController } from './tracking/tracking.controller';
import { TrackingService } from './tracking/tracking.service';
import { Location } from './warehouses/location.entity';
import { Warehouse } from './warehouses/warehouse.entity';
import { WarehousesController } from './warehouses/warehouses.controller';
import { WarehousesService } from './warehouses/warehouses.service';

@Module({
  imports: [TypeOrmModule.forFeature([Item, Supplier, Warehouse, Location, StockMove, Lot, Serial, Reservation, StockCount, StockCountLine, PurchaseOrder, PurchaseOrderLine])],
  controllers: [ItemsController, SuppliersController, WarehousesController, StockController, TrackingController, ReservationsController, ReorderController, CountsController, PurchaseOrdersController],
  providers: [ItemsService, SuppliersService, WarehousesService, StockLedgerService, StockService, TrackingService, ReservationsService, ReorderService, CountsService, PurchaseOrdersService, InventoryFacade, InventoryJobs],
  exports: [InventoryFacade],
})
export class InventoryModule {}
