import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { EMPLOYMENT_TYPES } from '../employees/employee.entity';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import { CreateShiftTemplateDto, ListShiftTemplatesQuery, ShiftTemplateDto, ShiftTemplatePageDto, UpdateShiftTemplateDto, UpdateWorkingTimeRuleDto, WorkingTimeRuleDto, WorkingTimeRuleListDto } from './dto/shift.dto';
import { ShiftTemplatesService } from './shift-templates.service';
import { WorkingTimeRulesService } from './working-time-rules.service';

@ApiTags('hr')
@Controller('hr')
export class ShiftTemplatesController {
  constructor(
    private readonly templates: ShiftTemplatesService,
    private readonly rules: WorkingTimeRulesService,
  ) {}

  @Post('shift-templates')
  @Endpoint({ summary: 'Create a shift template', description: 'Local start and end time at a location (a work calendar\'s `location`), the unpaid break and the position.', scopes: [HR_WRITE], status: 201, type: ShiftTemplateDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateShiftTemplateDto) {
    return this.templates.create(body);
  }

  @Get('shift-templates')
  @Endpoint({ summary: 'List shift templates', scopes: [HR_READ], type: ShiftTemplatePageDto, errors: [422] })
  list(@Query() query: ListShiftTemplatesQuery) {
    return this.templates.list(query);
  }

  @Get('shift-templates/:id')
  @Endpoint({ summary: 'Get a shift template', scopes: [HR_READ], type: ShiftTemplateDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.templates.get(id);
  }

  @Patch('shift-templates/:id')
  @Endpoint({ summary: 'Update a shift template', description: 'Shifts already created from it keep their times.', scopes: [HR_WRITE], type: ShiftTemplateDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateShiftTemplateDto, @IfMatch() version?: number) {
    return this.templates.update(id, body, version);
  }

  @Get('working-time-rules')
  @Endpoint({ summary: 'List working-time rules', description: 'One per employment type: the weekly hours limit checked on shift assignment and the daily and weekly overtime thresholds.', scopes: [HR_READ], type: WorkingTimeRuleListDto })
  listRules() {
    return this.rules.list();
  }

  @Get('working-time-rules/:employmentType')
  @ApiParam({ name: 'employmentType', enum: EMPLOYMENT_TYPES, description: 'One rule per employment type; any other value is 404.' })
  @Endpoint({ summary: 'Get the working-time rule of an employment type', scopes: [HR_READ], type: WorkingTimeRuleDto, etag: true, errors: [404] })
  getRule(@Param('employmentType') employmentType: string) {
    return this.rules.get(employmentType);
  }

  @Patch('working-time-rules/:employmentType')
  @ApiParam({ name: 'employmentType', enum: EMPLOYMENT_TYPES, description: 'One rule per employment type; any other value is 404.' })
  @Endpoint({ summary: 'Update the working-time rule of an employment type', scopes: [HR_WRITE], type: WorkingTimeRuleDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  updateRule(@Param('employmentType') employmentType: string, @Body() body: UpdateWorkingTimeRuleDto, @IfMatch() version?: number) {
    return this.rules.update(employmentType, body, version);
  }
}
