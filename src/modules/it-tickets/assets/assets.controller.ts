import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { PageQuery } from '../../../platform/http/pagination';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { IT_READ, IT_WRITE } from '../it-tickets.scopes';
import { AssetsService } from './assets.service';
import { AssetDto, AssetPageDto, AssignmentPageDto, CheckInAssetDto, CheckOutAssetDto, CreateAssetDto, ListAssetsQuery } from './dto/asset.dto';

const ACTION = { scopes: [IT_WRITE], type: AssetDto, ifMatch: true, etag: true, errors: [404, 409] };

@ApiTags('it')
@Controller('it/assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Post()
  @Endpoint({ summary: 'Register an IT asset', description: 'In stock. License assets carry a seat count; the asset tag is unique (409).', scopes: [IT_WRITE], status: 201, type: AssetDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateAssetDto) {
    return this.assets.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List IT assets', scopes: [IT_READ], type: AssetPageDto, errors: [422] })
  list(@Query() query: ListAssetsQuery) {
    return this.assets.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an IT asset', scopes: [IT_READ], type: AssetDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.assets.get(id);
  }

  @Get(':id/assignments')
  @Endpoint({ summary: 'Check-out/check-in history of an asset', scopes: [IT_READ], type: AssignmentPageDto, errors: [404, 422] })
  assignments(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.assets.assignments(id, query);
  }

  @Post(':id/check-out')
  @Endpoint({ summary: 'Check an asset (or a license seat) out to an employee', description: 'A retired, lost, in-repair or already assigned asset is 409 `asset_not_available`; a license with every seat taken is 409 `no_seat_available` (parallel requests for the last seat: one wins).', ...ACTION, body: true, errors: [404, 409] })
  checkOut(@Param('id', ParseUuidPipe) id: string, @Body() body: CheckOutAssetDto, @IfMatch() version?: number) {
    return this.assets.checkOut(id, body, version);
  }

  @Post(':id/check-in')
  @Endpoint({ summary: 'Check an asset (or a license seat) back in', ...ACTION, body: true })
  checkIn(@Param('id', ParseUuidPipe) id: string, @Body() body: CheckInAssetDto, @IfMatch() version?: number) {
    return this.assets.checkIn(id, body, version);
  }

  @Post(':id/send-to-repair')
  @Endpoint({ summary: 'Send an in-stock asset to repair', ...ACTION })
  sendToRepair(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.assets.act(id, 'send_to_repair', version);
  }

  @Post(':id/return-from-repair')
  @Endpoint({ summary: 'Return a repaired asset to stock', ...ACTION })
  returnFromRepair(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.assets.act(id, 'return_from_repair', version);
  }

  @Post(':id/retire')
  @Endpoint({ summary: 'Retire an asset', description: 'From stock or repair; a retired asset is never assigned again.', ...ACTION })
  retire(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.assets.act(id, 'retire', version);
  }

  @Post(':id/mark-lost')
  @Endpoint({ summary: 'Report an asset lost', description: 'Ends its current assignment (an offboarding ticket then counts it as settled).', ...ACTION })
  markLost(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.assets.act(id, 'mark_lost', version);
  }
}
