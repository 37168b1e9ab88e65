import { Module } from '@nestjs/common';
import { ContractsModule } from '../../contracts';
import { HrModule } from '../../hr';
import { InventoryModule } from '../../inventory';
import { InvoicingModule } from '../../invoicing';
import { ItTicketsModule } from '../../it-tickets';
import { PayrollModule } from '../../payroll';
import { CompanyReportsController } from './reports.controller';
import './reports.scopes';
import { ReportsService } from './reports.service';

/** Cross-module reports composed from the business modules' facades (never their tables). */
@Module({
  imports: [HrModule, PayrollModule, InvoicingModule, InventoryModule, ItTicketsModule, ContractsModule],
  controllers: [CompanyReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
