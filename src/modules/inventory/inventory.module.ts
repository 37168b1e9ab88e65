import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InventoryFacade } from './inventory.facade';
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
import { Location } from './warehouses/location.entity';
import { Warehouse } from './warehouses/warehouse.entity';
import { WarehousesController } from './warehouses/warehouses.controller';
import { WarehousesService } from './warehouses/warehouses.service';

@Module({
  imports: [TypeOrmModule.forFeature([Item, Supplier, Warehouse, Location, StockMove])],
  controllers: [ItemsController, SuppliersController, WarehousesController, StockController],
  providers: [ItemsService, SuppliersService, WarehousesService, StockLedgerService, StockService, InventoryFacade],
  exports: [InventoryFacade],
})
export class InventoryModule {}
