import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, CustomerDto, CustomerPageDto, ListCustomersQuery, UpdateCustomerDto } from './dto/customer.dto';

@ApiTags('invoicing')
@Controller('invoicing/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @Endpoint({ summary: 'Create a customer', scopes: [INVOICING_WRITE], status: 201, type: CustomerDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateCustomerDto) {
    return this.customers.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List or search customers', scopes: [INVOICING_READ], type: CustomerPageDto, errors: [422] })
  list(@Query() query: ListCustomersQuery) {
    return this.customers.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a customer', scopes: [INVOICING_READ], type: CustomerDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.customers.get(id);
  }

  @Patch(':id')
  @Endpoint({ summary: 'Update a customer', description: 'Issued invoices keep the customer details they were issued with.', scopes: [INVOICING_WRITE], type: CustomerDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateCustomerDto, @IfMatch() version?: number) {
    return this.customers.update(id, body, version);
  }

  @Delete(':id')
  @Endpoint({ summary: 'Delete a customer', description: 'Refused with 409 `still_referenced` while any invoice (draft or issued) names the customer.', scopes: [INVOICING_WRITE], status: 204, ifMatch: true, errors: [404, 409] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    await this.customers.remove(id, version);
  }
}
