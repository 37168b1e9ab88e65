import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HrModule } from '../hr';
import { AssetAssignment, ItAsset } from './assets/asset.entities';
import { AssetsController } from './assets/assets.controller';
import { AssetsService } from './assets/assets.service';
import { DeskController } from './desk/desk.controller';
import { ItAgent, ItGroup, ItSettings } from './desk/desk.entities';
import { DeskService } from './desk/desk.service';
import { ItClock } from './it.clock';
import './it-tickets.events';
import { ItTicketsJobs } from './it-tickets.jobs';
import './it-tickets.scopes';
import { JourneyHandlers } from './journeys/journey-handlers';
import { BusinessCalendarRow, SlaPolicy } from './sla/sla-config.entities';
import { SlaConfigService } from './sla/sla-config.service';
import { SlaMonitorService } from './sla/sla-monitor.service';
import { SlaReportService } from './sla/sla-report.service';
import { SlaController } from './sla/sla.controller';
import { TicketClocksService } from './sla/ticket-clocks.service';
import { AttachmentsService } from './tickets/attachments.service';
import { Ticket, TicketAttachment, TicketComment, TicketTransition } from './tickets/ticket.entities';
import { TicketsController } from './tickets/tickets.controller';
import { TicketsService } from './tickets/tickets.service';
import { ItTicketsFacade } from './it-tickets.facade';

@Module({
  imports: [
    HrModule,
    TypeOrmModule.forFeature([ItGroup, ItAgent, ItSettings, BusinessCalendarRow, SlaPolicy, Ticket, TicketTransition, TicketComment, TicketAttachment, ItAsset, AssetAssignment]),
  ],
  controllers: [TicketsController, AssetsController, DeskController, SlaController],
  providers: [ItTicketsFacade, ItClock, DeskService, SlaConfigService, TicketClocksService, TicketsService, AttachmentsService, AssetsService, SlaReportService, SlaMonitorService, ItTicketsJobs, JourneyHandlers],
  exports: [ItClock, SlaMonitorService, ItTicketsFacade],
})
export class ItTicketsModule {}
