import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { IT_ADMIN, IT_READ } from '../it-tickets.scopes';
import { AgentDto, AgentPageDto, CreateAgentDto, CreateItGroupDto, ItGroupDto, ItGroupPageDto, ListDeskQuery, UpdateAgentDto } from './dto/desk.dto';
import { DeskService } from './desk.service';

class ListAgentsQuery extends ListDeskQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '0193c000-0000-7000-8000-000000000001' })
  @IsOptional() @IsUUID('all')
  groupId?: string;
}

@ApiTags('it')
@Controller('it')
export class DeskController {
  constructor(private readonly desk: DeskService) {}

  @Post('groups')
  @Endpoint({ summary: 'Create a support group', scopes: [IT_ADMIN], status: 201, type: ItGroupDto, idempotent: true, body: true, etag: true, errors: [409] })
  createGroup(@Body() body: CreateItGroupDto) {
    return this.desk.createGroup(body);
  }

  @Get('groups')
  @Endpoint({ summary: 'List support groups', scopes: [IT_READ], type: ItGroupPageDto, errors: [422] })
  listGroups(@Query() query: ListDeskQuery) {
    return this.desk.listGroups(query);
  }

  @Post('agents')
  @Endpoint({ summary: 'Give an employee the agent role', description: 'The employee must exist in HR (422 `unknown_employee`); an agent already registered is 409.', scopes: [IT_ADMIN], status: 201, type: AgentDto, idempotent: true, body: true, etag: true, errors: [409] })
  createAgent(@Body() body: CreateAgentDto) {
    return this.desk.createAgent(body);
  }

  @Get('agents')
  @Endpoint({ summary: 'List agents', scopes: [IT_READ], type: AgentPageDto, errors: [422] })
  listAgents(@Query() query: ListAgentsQuery) {
    return this.desk.listAgents(query);
  }

  @Get('agents/:employeeId')
  @Endpoint({ summary: 'Get an agent', scopes: [IT_READ], type: AgentDto, etag: true, errors: [404] })
  getAgent(@Param('employeeId', ParseUuidPipe) employeeId: string) {
    return this.desk.getAgent(employeeId);
  }

  @Patch('agents/:employeeId')
  @Endpoint({ summary: 'Change an agent\'s groups or deactivate', scopes: [IT_ADMIN], type: AgentDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  updateAgent(@Param('employeeId', ParseUuidPipe) employeeId: string, @Body() body: UpdateAgentDto, @IfMatch() version?: number) {
    return this.desk.updateAgent(employeeId, body, version);
  }
}
