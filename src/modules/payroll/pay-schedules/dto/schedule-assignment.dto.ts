import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

const ID = '0193b0f2-7c1a-7d4e-9a55-7a1e3c2b9f10';

export class AssignScheduleDto {
  @ApiProperty({ format: 'uuid', description: 'The employee to pay on this schedule; moves them if they were on another.', example: ID })
  @IsUUID('all')
  employeeId: string;
}

export class ScheduleAssignmentDto {
  @ApiProperty({ format: 'uuid', example: ID }) employeeId: string;
  @ApiProperty({ format: 'uuid', example: ID }) payScheduleId: string;
  @ApiProperty({ example: 1, description: 'Increases with every move.' }) version: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' }) updatedAt: string;
}
