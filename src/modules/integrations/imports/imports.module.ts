import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HrModule } from '../../hr';
import { InventoryModule } from '../../inventory';
import { InvoicingModule } from '../../invoicing';
import { ImportRowError, ImportRun } from './import.entity';
import { ImportsController } from './imports.controller';
import './imports.events';
import './imports.scopes';
import { ImportsService } from './imports.service';
import { ImportsJobs } from './imports.jobs';

/** CSV imports (issue 9); joins the integrations module at merge. */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRun, ImportRowError]), HrModule, InventoryModule, InvoicingModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsJobs],
})
export class ImportsModule {}
