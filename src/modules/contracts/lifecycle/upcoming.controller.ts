import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../../platform/http/openapi';
import { CONTRACTS_READ } from '../contracts.scopes';
import { ContractLifecycleService } from './contract-lifecycle.service';
import { UpcomingPageDto, UpcomingQuery } from './upcoming.dto';

@ApiTags('contracts')
@Controller('contracts')
export class UpcomingController {
  constructor(private readonly lifecycle: ContractLifecycleService) {}

  @Get('upcoming')
  @Endpoint({
    summary: 'Upcoming renewals, notice deadlines, ends and obligations',
    description: '`?within=90d`: everything falling due from today (or `asOf`) to that many days ahead, by date; open obligations already overdue come first.',
    scopes: [CONTRACTS_READ],
    type: UpcomingPageDto,
    errors: [422],
  })
  upcoming(@Query() query: UpcomingQuery) {
    return this.lifecycle.upcoming(query);
  }
}
