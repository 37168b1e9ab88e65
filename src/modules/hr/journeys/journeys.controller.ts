import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import {
  ChecklistTemplateDto,
  ChecklistTemplatePageDto,
  CompleteTaskDto,
  CreateChecklistTemplateDto,
  JourneyDto,
  JourneyPageDto,
  ListChecklistTemplatesQuery,
  ListJourneysQuery,
  StartOffboardingDto,
  StartOnboardingDto,
  UpdateChecklistTemplateDto,
} from './dto/journey.dto';
import { JourneysService } from './journeys.service';

@ApiTags('hr')
@Controller('hr')
export class JourneysController {
  constructor(private readonly journeys: JourneysService) {}

  @Post('checklist-templates')
  @Endpoint({ summary: 'Create an onboarding or offboarding checklist template', description: 'Tasks with a title, an owner (role or department), a due offset in days from the start (or last) day, and a kind (manual, it_ticket, contract).', scopes: [HR_WRITE], status: 201, type: ChecklistTemplateDto, idempotent: true, body: true, etag: true, errors: [409] })
  createTemplate(@Body() body: CreateChecklistTemplateDto) {
    return this.journeys.createTemplate(body);
  }

  @Get('checklist-templates')
  @Endpoint({ summary: 'List checklist templates', scopes: [HR_READ], type: ChecklistTemplatePageDto, errors: [422] })
  listTemplates(@Query() query: ListChecklistTemplatesQuery) {
    return this.journeys.listTemplates(query);
  }

  @Get('checklist-templates/:id')
  @Endpoint({ summary: 'Get a checklist template', scopes: [HR_READ], type: ChecklistTemplateDto, etag: true, errors: [404] })
  getTemplate(@Param('id', ParseUuidPipe) id: string) {
    return this.journeys.getTemplate(id);
  }

  @Patch('checklist-templates/:id')
  @Endpoint({ summary: 'Update a checklist template', description: '`tasks`, when sent, replaces the list. Journeys already started keep their tasks.', scopes: [HR_WRITE], type: ChecklistTemplateDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true })
  updateTemplate(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateChecklistTemplateDto, @IfMatch() version?: number) {
    return this.journeys.updateTemplate(id, body, version);
  }

  @Post('employees/:id/onboarding')
  @Endpoint({ summary: 'Start an onboarding journey', description: 'Instantiates the template with due dates from the start date (default: the hire date) and emits `hr.onboarding.started` listing the tasks. One onboarding under way per employee (409).', scopes: [HR_WRITE], status: 201, type: JourneyDto, idempotent: true, body: true, etag: true, errors: [404, 409] })
  onboarding(@Param('id', ParseUuidPipe) id: string, @Body() body: StartOnboardingDto) {
    return this.journeys.start(id, 'onboarding', body.templateId, body.startDate);
  }

  @Post('employees/:id/offboarding')
  @Endpoint({ summary: 'Start an offboarding journey', description: 'Needs a recorded termination (409 `not_terminated`); due dates count from the termination date. Emits `hr.offboarding.started` listing the tasks.', scopes: [HR_WRITE], status: 201, type: JourneyDto, idempotent: true, body: true, etag: true, errors: [404, 409] })
  offboarding(@Param('id', ParseUuidPipe) id: string, @Body() body: StartOffboardingDto) {
    return this.journeys.start(id, 'offboarding', body.templateId);
  }

  @Get('journeys')
  @Endpoint({ summary: 'List onboarding and offboarding journeys', scopes: [HR_READ], type: JourneyPageDto, errors: [422] })
  list(@Query() query: ListJourneysQuery) {
    return this.journeys.list(query);
  }

  @Get('journeys/:id')
  @Endpoint({ summary: 'Get a journey with its tasks and progress', scopes: [HR_READ], type: JourneyDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.journeys.get(id);
  }

  @Post('journeys/:id/tasks/:taskId/complete')
  @Endpoint({ summary: 'Complete a journey task', description: 'Emits `hr.journey_task.completed`; completing the last task completes the journey (`hr.onboarding.completed` / `hr.offboarding.completed`). A done task or a finished journey is 409 `invalid_state_transition`. If-Match takes the journey\'s ETag.', scopes: [HR_WRITE], status: 200, type: JourneyDto, idempotent: true, ifMatch: true, body: true, etag: true, errors: [404, 409] })
  complete(@Param('id', ParseUuidPipe) id: string, @Param('taskId', ParseUuidPipe) taskId: string, @Body() body: CompleteTaskDto, @IfMatch() version?: number) {
    return this.journeys.completeTask(id, taskId, body.note, version);
  }

  @Post('journeys/:id/cancel')
  @Endpoint({ summary: 'Cancel a journey', description: 'E.g. a hire that falls through. Emits `hr.journey.cancelled`.', scopes: [HR_WRITE], status: 200, type: JourneyDto, idempotent: true, ifMatch: true, etag: true, errors: [404, 409] })
  cancel(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.journeys.cancel(id, version);
  }
}
