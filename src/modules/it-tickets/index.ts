/** The IT tickets module's public surface. Other modules import from here only. */
export { ItTicketsModule } from './it-tickets.module';
export * from './it-tickets.events';
export * from './it-config.events';
export { IT_PROBLEMS, ItErrorCode } from './it-tickets.errors';
export { IT_READ, IT_WRITE, IT_ADMIN } from './it-tickets.scopes';
export { ItClock } from './it.clock';
export { SlaMonitorService } from './sla/sla-monitor.service';
export { ItTicketsFacade } from './it-tickets.facade';
export type { SlaMonthRow } from './it-tickets.facade';
