import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVOICING_READ, INVOICING_WRITE } from '../invoicing.scopes';
import { AllocatePaymentDto, CreatePaymentDto, CustomerCreditListDto, ListPaymentsQuery, PaymentDto, PaymentPageDto, RefundPaymentDto } from './dto/payment.dto';
import { PaymentsService } from './payments.service';

@ApiTags('invoicing')
@Controller('invoicing')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('payments')
  @Endpoint({
    summary: 'Record a customer payment',
    description: 'Allocated across invoices of the same customer and currency in one transaction: each invoice\'s amount due and state (partially_paid, paid) move with it. An allocation above an invoice\'s amount due is 409 `allocation_exceeds_amount_due`; what is not allocated stays as customer credit. Emits `invoicing.payment.received` and the invoices\' state events.',
    scopes: [INVOICING_WRITE], status: 201, type: PaymentDto, idempotent: true, body: true, etag: true, errors: [409],
  })
  create(@Body() body: CreatePaymentDto) {
    return this.payments.create(body);
  }

  @Get('payments')
  @Endpoint({ summary: 'List payments', scopes: [INVOICING_READ], type: PaymentPageDto, errors: [422] })
  list(@Query() query: ListPaymentsQuery) {
    return this.payments.list(query);
  }

  @Get('payments/:id')
  @Endpoint({ summary: 'Get a payment with its allocations and refunds', scopes: [INVOICING_READ], type: PaymentDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.payments.get(id);
  }

  @Post('payments/:id/allocate')
  @Endpoint({ summary: 'Allocate a payment\'s customer credit to invoices', description: 'From the unallocated amount (409 `allocation_exceeds_payment` above it). Emits `invoicing.payment.allocated`.', scopes: [INVOICING_WRITE], type: PaymentDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  allocate(@Param('id', ParseUuidPipe) id: string, @Body() body: AllocatePaymentDto, @IfMatch() version?: number) {
    return this.payments.allocateExisting(id, body, version);
  }

  @Post('payments/:id/refund')
  @Endpoint({ summary: 'Refund a payment\'s customer credit', description: 'From the unallocated amount only (409 `refund_exceeds_unallocated`). Emits `invoicing.payment.refunded`.', scopes: [INVOICING_WRITE], type: PaymentDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  refund(@Param('id', ParseUuidPipe) id: string, @Body() body: RefundPaymentDto, @IfMatch() version?: number) {
    return this.payments.refund(id, body, version);
  }

  @Get('customers/:id/credit')
  @Endpoint({ summary: 'A customer\'s credit per currency', description: 'Unallocated money of the customer\'s payments (overpayments and payments released by credit notes).', scopes: [INVOICING_READ], type: CustomerCreditListDto, errors: [404] })
  credit(@Param('id', ParseUuidPipe) id: string) {
    return this.payments.customerCredit(id);
  }
}
