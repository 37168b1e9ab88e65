import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { CreateTaxCategoryDto, ListTaxCategoriesQuery, TaxCategoryDto, TaxCategoryPageDto } from './dto/tax-category.dto';
import { TaxCategoriesService } from './tax-categories.service';

@ApiTags('invoicing')
@Controller('invoicing/tax-categories')
export class TaxCategoriesController {
  constructor(private readonly categories: TaxCategoriesService) {}

  @Post()
  @Endpoint({ summary: 'Create a tax category and rate', description: 'S needs a rate above 0; Z, E, AE, K, G and O have rate 0, and E, AE, K, G and O need an exemption reason or code (422 `constraint_violation` otherwise). Categories are not edited: a new rate is a new category with its own valid-from date.', scopes: [INVOICING_WRITE], status: 201, type: TaxCategoryDto, idempotent: true, body: true, errors: [409] })
  create(@Body() body: CreateTaxCategoryDto) {
    return this.categories.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List tax categories', scopes: [INVOICING_READ], type: TaxCategoryPageDto, errors: [422] })
  list(@Query() query: ListTaxCategoriesQuery) {
    return this.categories.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a tax category', scopes: [INVOICING_READ], type: TaxCategoryDto, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.categories.get(id);
  }
}
