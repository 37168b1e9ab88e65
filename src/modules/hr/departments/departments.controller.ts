import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { HR_READ, HR_WRITE } from '../hr.scopes';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto, DepartmentDto, DepartmentPageDto, ListDepartmentsQuery, UpdateDepartmentDto } from './dto/department.dto';

@ApiTags('hr')
@Controller('hr/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Post()
  @Endpoint({ summary: 'Create a department', scopes: [HR_WRITE], status: 201, type: DepartmentDto, idempotent: true, body: true, etag: true, errors: [409] })
  create(@Body() body: CreateDepartmentDto) {
    return this.departments.create(body);
  }

  @Get()
  @Endpoint({ summary: 'List departments', scopes: [HR_READ], type: DepartmentPageDto, errors: [422] })
  list(@Query() query: ListDepartmentsQuery) {
    return this.departments.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a department', scopes: [HR_READ], type: DepartmentDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.departments.get(id);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Update a department',
    description: 'Moving a department under itself or one of its descendants is refused (422 `department_cycle`).',
    scopes: [HR_WRITE], type: DepartmentDto, ifMatch: true, body: true, etag: true, errors: [404, 409], noOp: true,
  })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateDepartmentDto, @IfMatch() version?: number) {
    return this.departments.update(id, body, version);
  }

  @Delete(':id')
  @Endpoint({ summary: 'Delete a department', description: 'Refused with 409 `still_referenced` while sub-departments, positions or employees refer to it.', scopes: [HR_WRITE], status: 204, ifMatch: true, errors: [404, 409] })
  async remove(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    await this.departments.remove(id, version);
  }
}
