import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CsvExportInterceptor } from './http/csv-export.interceptor';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './auth/api-key.entity';
import { ApiKeyService } from './auth/api-key.service';
import { ApiKeysController } from './auth/api-keys.controller';
import { ApiKeyGuard } from './auth/auth.guard';
import { AuditController } from './audit/audit.controller';
import { AuditEvent } from './audit/audit-event.entity';
import { AuditService } from './audit/audit.service';
import { TransactionalConnection } from './database/transactional-connection';
import { EventBus } from './events/event-bus';
import { JobScheduler } from './events/job-scheduler';
import { OutboxDispatcher } from './events/outbox-dispatcher';
import { OutboxEvent } from './events/outbox-event.entity';
import { HealthController } from './health/health.controller';
import { IdempotencyRecord } from './http/idempotency-record.entity';
import { ProblemFilter } from './http/problem.filter';
import { RequestInterceptor } from './http/request.interceptor';
import { PlatformJobs } from './platform.jobs';

/** The shared kernel every module uses; it imports nothing from modules/. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey, AuditEvent, OutboxEvent, IdempotencyRecord])],
  controllers: [ApiKeysController, AuditController, HealthController],
  providers: [
    TransactionalConnection,
    AuditService,
    ApiKeyService,
    EventBus,
    OutboxDispatcher,
    JobScheduler,
    PlatformJobs,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_INTERCEPTOR, useClass: RequestInterceptor },
    // Inside the request interceptor: CSV pages are read in the request's context.
    { provide: APP_INTERCEPTOR, useClass: CsvExportInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
  exports: [TransactionalConnection, AuditService, ApiKeyService, EventBus, OutboxDispatcher, JobScheduler],
})
export class PlatformModule {}
