import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVENTORY_READ, INVENTORY_WRITE } from '../inventory.scopes';
import {
  CreateLocationDto,
  CreateWarehouseDto,
  ListLocationsQuery,
  ListWarehousesQuery,
  LocationDto,
  LocationPageDto,
  UpdateLocationDto,
  UpdateWarehouseDto,
  WarehouseDto,
  WarehousePageDto,
} from './dto/warehouse.dto';
import { WarehousesService } from './warehouses.service';

@ApiTags('inventory')
@Controller('inventory')
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  @Post('warehouses')
  @Endpoint({ summary: 'Create a warehouse', scopes: [INVENTORY_WRITE], status: 201, type: WarehouseDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateWarehouseDto) {
    return this.warehouses.create(body);
  }

  @Get('warehouses')
  @Endpoint({ summary: 'List warehouses', scopes: [INVENTORY_READ], type: WarehousePageDto, errors: [422] })
  list(@Query() query: ListWarehousesQuery) {
    return this.warehouses.list(query);
  }

  @Get('warehouses/:id')
  @Endpoint({ summary: 'Get a warehouse', scopes: [INVENTORY_READ], type: WarehouseDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.warehouses.get(id);
  }

  @Patch('warehouses/:id')
  @Endpoint({ summary: 'Update a warehouse', scopes: [INVENTORY_WRITE], type: WarehouseDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateWarehouseDto, @IfMatch() version?: number) {
    return this.warehouses.update(id, body, version);
  }

  @Post('warehouses/:id/locations')
  @Endpoint({ summary: 'Create a location in a warehouse', description: 'Locations form a tree (zone → shelf → bin) inside one warehouse.', scopes: [INVENTORY_WRITE], status: 201, type: LocationDto, idempotent: true, body: true, etag: true, errors: [404, 409] })
  createLocation(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateLocationDto) {
    return this.warehouses.createLocation(id, body);
  }

  @Get('warehouses/:id/locations')
  @Endpoint({ summary: 'List the locations of a warehouse', scopes: [INVENTORY_READ], type: LocationPageDto, errors: [404, 422] })
  listLocations(@Param('id', ParseUuidPipe) id: string, @Query() query: ListLocationsQuery) {
    return this.warehouses.listLocations(id, query);
  }

  @Get('locations/:id')
  @Endpoint({ summary: 'Get a location', scopes: [INVENTORY_READ], type: LocationDto, etag: true, errors: [404] })
  getLocation(@Param('id', ParseUuidPipe) id: string) {
    return this.warehouses.getLocation(id);
  }

  @Patch('locations/:id')
  @Endpoint({ summary: 'Update a location', description: 'Code and kind cannot change; a new parent must be in the same warehouse and not below the location.', scopes: [INVENTORY_WRITE], type: LocationDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  updateLocation(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateLocationDto, @IfMatch() version?: number) {
    return this.warehouses.updateLocation(id, body, version);
  }
}
