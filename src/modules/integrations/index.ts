/** The integrations module's public surface. Other modules import from here only. */
export { IntegrationsModule } from './integrations.module';
export * from './integrations.events';
export { INTEGRATIONS_PROBLEMS, IntegrationsErrorCode } from './integrations.errors';
export { WEBHOOKS_READ, WEBHOOKS_WRITE } from './integrations.scopes';
export { WebhookDeliveryWorker } from './webhooks/delivery-worker';
export { ImportsModule } from './imports/imports.module';
export { IMPORTS_PROBLEMS, ImportsErrorCode } from './imports/imports.errors';
export * from './imports/imports.events';
export { ReportsModule } from './reports/reports.module';
export { REPORTS_READ } from './reports/reports.scopes';
