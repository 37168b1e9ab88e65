/** The reports feature's public surface (joined into the integrations index at merge). */
export { ReportsModule } from './reports.module';
export { REPORTS_READ } from './reports.scopes';
