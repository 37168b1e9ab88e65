import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVENTORY_READ, INVENTORY_WRITE } from '../inventory.scopes';
import { CreateSupplierDto, ListSuppliersQuery, SupplierDto, SupplierPageDto, UpdateSupplierDto } from './dto/supplier.dto';
import { SuppliersService } from './suppliers.service';

@ApiTags('inventory')
@Controller('inventory/suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Post()
  @Endpoint({ summary: 'Create a supplier', scopes: [INVENTORY_WRITE], status: 201, type: SupplierDto, idempotent: true, body: true, etag: true })
  create(@Body() body: CreateSupplierDto) {
    return this.suppliers.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List suppliers', scopes: [INVENTORY_READ], type: SupplierPageDto, errors: [422] })
  list(@Query() query: ListSuppliersQuery) {
    return this.suppliers.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a supplier', scopes: [INVENTORY_READ], type: SupplierDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.suppliers.get(id);
  }

  @Patch(':id')
  @Endpoint({ summary: 'Update a supplier', scopes: [INVENTORY_WRITE], type: SupplierDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateSupplierDto, @IfMatch() version?: number) {
    return this.suppliers.update(id, body, version);
  }
}
