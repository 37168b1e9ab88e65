import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { INVENTORY_READ } from '../inventory.scopes';
import { ListLotsQuery, ListSerialsQuery, LotPageDto, SerialPageDto } from './dto/tracking.dto';
import { TrackingService } from './tracking.service';

@ApiTags('inventory')
@Controller('inventory/items/:id')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @Get('lots')
  @Endpoint({ summary: 'List the lots of an item', description: 'Lots are created by the stock that comes in with a new lot number.', scopes: [INVENTORY_READ], type: LotPageDto, errors: [404, 422] })
  lots(@Param('id', ParseUuidPipe) id: string, @Query() query: ListLotsQuery) {
    return this.tracking.lots(id, query);
  }

  @Get('serials')
  @Endpoint({ summary: 'List the serial numbers of an item', description: 'Each serial is in exactly one location, or issued.', scopes: [INVENTORY_READ], type: SerialPageDto, errors: [404, 422] })
  serials(@Param('id', ParseUuidPipe) id: string, @Query() query: ListSerialsQuery) {
    return this.tracking.serials(id, query);
  }
}
