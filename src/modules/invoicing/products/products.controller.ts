import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { CreateProductDto, ListProductsQuery, ProductDto, ProductPageDto, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('invoicing')
@Controller('invoicing/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @Endpoint({ summary: 'Create a product or service', scopes: [INVOICING_WRITE], status: 201, type: ProductDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateProductDto) {
    return this.products.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List products and services', scopes: [INVOICING_READ], type: ProductPageDto, errors: [422] })
  list(@Query() query: ListProductsQuery) {
    return this.products.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a product or service', scopes: [INVOICING_READ], type: ProductDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.products.get(id);
  }

  @Patch(':id')
  @Endpoint({ summary: 'Update a product or service', description: 'Draft lines already saved keep their price and tax category; issued invoices never change.', scopes: [INVOICING_WRITE], type: ProductDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateProductDto, @IfMatch() version?: number) {
    return this.products.update(id, body, version);
  }
}
