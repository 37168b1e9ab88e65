import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ContractsModule } from './modules/contracts';
import { HrModule } from './modules/hr';
import { ImportsModule, IntegrationsModule, ReportsModule } from './modules/integrations';
import { InventoryModule } from './modules/inventory';
import { InvoicingModule } from './modules/invoicing';
import { ItTicketsModule } from './modules/it-tickets';
import { PayrollModule } from './modules/payroll';
import { dataSourceOptions } from './platform/database/data-source-options';
import { PlatformModule } from './platform/platform.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Build the app without connecting (OpenAPI export). */
  offline?: boolean;
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(options.databaseUrl, {
            extra: { max: options.config.DB_POOL_SIZE, application_name: 'backoffice-api', statement_timeout: 30_000 },
          }),
          autoLoadEntities: true,
          manualInitialization: options.offline ?? false,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        PlatformModule,
        HrModule,
        InventoryModule,
        InvoicingModule,
        PayrollModule,
        ItTicketsModule,
        IntegrationsModule,
        ContractsModule,
        ImportsModule,
        ReportsModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: options.config }],
      exports: [APP_CONFIG],
    };
  }
}
