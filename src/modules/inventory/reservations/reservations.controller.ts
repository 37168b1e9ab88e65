import { MAX_MOVES_PER_REQUEST } from '../stock/dto/stock.dto';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVENTORY_READ, INVENTORY_WRITE } from '../inventory.scopes';
import { StockMoveDto } from '../stock/dto/stock.dto';
import { ConsumeReservationDto, CreateReservationDto, ListReservationsQuery, ReservationDto, ReservationPageDto } from './dto/reservation.dto';
import { ReservationsService } from './reservations.service';

class ConsumedReservationDto {
  @ApiProperty({ type: ReservationDto }) reservation: ReservationDto;
  @ApiProperty({ type: [StockMoveDto], maxItems: MAX_MOVES_PER_REQUEST, description: 'The issue moves (referenceType `reservation`).' }) moves: StockMoveDto[];
}

@ApiTags('inventory')
@Controller('inventory/reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Post()
  @Endpoint({
    summary: 'Reserve stock for a reference',
    description: 'Takes the quantity out of `available` at the location until the reservation is consumed, released or expires (a job expires it at `expiresAt`). 409 `insufficient_stock` when not enough is available.',
    scopes: [INVENTORY_WRITE],
    status: 201,
    type: ReservationDto,
    idempotent: true,
    body: true,
    etag: true,
    errors: [404, 409],
  })
  create(@Body() body: CreateReservationDto) {
    return this.reservations.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List reservations', scopes: [INVENTORY_READ], type: ReservationPageDto, errors: [422] })
  list(@Query() query: ListReservationsQuery) {
    return this.reservations.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a reservation', scopes: [INVENTORY_READ], type: ReservationDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.reservations.get(id);
  }

  @Post(':id/release')
  @Endpoint({ summary: 'Release a reservation', description: 'Only an active reservation (409 `invalid_state_transition` otherwise).', scopes: [INVENTORY_WRITE], type: ReservationDto, ifMatch: true, etag: true, errors: [404, 409] })
  release(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.reservations.release(id, version);
  }

  @Post(':id/consume')
  @Endpoint({ summary: 'Consume a reservation', description: 'Issues the reserved quantity from its location and closes the reservation.', scopes: [INVENTORY_WRITE], type: ConsumedReservationDto, ifMatch: true, body: true, errors: [404, 409] })
  consume(@Param('id', ParseUuidPipe) id: string, @Body() body: ConsumeReservationDto, @IfMatch() version?: number) {
    return this.reservations.consume(id, body, version);
  }
}
