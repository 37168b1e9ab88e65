import { Module } from '@nestjs/common';
import { ContractsFacade } from './contracts.facade';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HrModule } from '../hr';
import { InvoicingModule } from '../invoicing';
import { BillingController } from './billing/billing.controller';
import { BillingPeriod, BillingSchedule } from './billing/billing.entity';
import { BillingService } from './billing/billing.service';
import { Contract, ContractDocument, ContractVersion, Renewal, Signature, Signer } from './contracts/contract.entity';
import { ContractsController } from './contracts/contracts.controller';
import { ContractsService } from './contracts/contracts.service';
import './contracts.events';
import { ContractsJobs } from './contracts.jobs';
import './contracts.scopes';
import { ContractLifecycleService } from './lifecycle/contract-lifecycle.service';
import { EmploymentContractOnHire } from './lifecycle/hire-handler';
import { UpcomingController } from './lifecycle/upcoming.controller';
import { Obligation } from './obligations/obligation.entity';
import { ObligationsController } from './obligations/obligations.controller';
import { ObligationsService } from './obligations/obligations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Contract, ContractVersion, ContractDocument, Signer, Signature, Renewal, Obligation, BillingSchedule, BillingPeriod]), HrModule, InvoicingModule],
  // UpcomingController and the obligation and billing lists come first: their static paths must not be read as contract ids.
  controllers: [UpcomingController, ObligationsController, BillingController, ContractsController],
  providers: [ContractsFacade, ContractsService, ObligationsService, BillingService, ContractLifecycleService, EmploymentContractOnHire, ContractsJobs],
  exports: [ContractsFacade],
})
export class ContractsModule {}
