import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import { CreatePositionDto, ListPositionsQuery, PositionDto, PositionPageDto, UpdatePositionDto } from './dto/position.dto';
import { PositionsService } from './positions.service';

@ApiTags('hr')
@Controller('hr/positions')
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  @Post()
  @Endpoint({ summary: 'Create a position', scopes: [HR_WRITE], status: 201, type: PositionDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreatePositionDto) {
    return this.positions.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List positions', description: 'Each position carries its derived `filledCount` and `openCount`.', scopes: [HR_READ], type: PositionPageDto, errors: [422] })
  list(@Query() query: ListPositionsQuery) {
    return this.positions.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a position', scopes: [HR_READ], type: PositionDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.positions.get(id);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Update a position',
    description: 'A position changes department (`departmentId`) only while no employee holds it, since its holders are in its department: otherwise 409 `position_in_use` with `holderCount` (active employees) and `formerHolderCount` (terminated ones whose record keeps the position). Move those employees to another position first.',
    scopes: [HR_WRITE], type: PositionDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true,
  })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdatePositionDto, @IfMatch() version?: number) {
    return this.positions.update(id, body, version);
  }

  @Delete(':id')
  @Endpoint({ summary: 'Delete a position', description: 'Refused with 409 `still_referenced` while employees hold it.', scopes: [HR_WRITE], status: 204, ifMatch: true, errors: [404, 409] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    await this.positions.remove(id, version);
  }
}
