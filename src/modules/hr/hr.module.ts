import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from './departments/department.entity';
import { DepartmentsController } from './departments/departments.controller';
import { DepartmentsService } from './departments/departments.service';
import { Employee } from './employees/employee.entity';
import { EmployeesController } from './employees/employees.controller';
import { EmployeesService } from './employees/employees.service';
import { HrFacade } from './hr.facade';
import { HrJobs } from './hr.jobs';
import './hr.scopes';
import { Position } from './positions/position.entity';
import { PositionsController } from './positions/positions.controller';
import { PositionsService } from './positions/positions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Department, Position, Employee])],
  controllers: [DepartmentsController, PositionsController, EmployeesController],
  providers: [DepartmentsService, PositionsService, EmployeesService, HrFacade, HrJobs],
  exports: [HrFacade],
})
export class HrModule {}
