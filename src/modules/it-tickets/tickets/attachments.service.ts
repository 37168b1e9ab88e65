import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../../../platform/audit/audit.service';
import { TransactionalConnection } from '../../../platform/database/transactional-connection';
import { newId } from '../../../platform/database/ids';
import { EventBus } from '../../../platform/events/event-bus';
import { Page, paginate } from '../../../platform/http/pagination';
import { NotFoundProblem } from '../../../platform/http/problem';
import { readUpload } from '../../../platform/http/upload';
import { ItClock } from '../it.clock';
import { SlaConfigService } from '../sla/sla-config.service';
import { AttachmentDto } from './dto/attachment.dto';
import { TicketAttachment } from './ticket.entities';
import { TicketsService } from './tickets.service';

export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
  'application/octet-stream',
  'message/rfc822',
] as const;

const toDto = (a: TicketAttachment): AttachmentDto => ({ id: a.id, ticketId: a.ticketId, fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256, createdAt: a.createdAt.toISOString() });

/** Files on tickets, stored in PostgreSQL (bytea) up to the desk's configurable limit. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    private readonly tickets: TicketsService,
    private readonly config: SlaConfigService,
    private readonly clock: ItClock,
  ) {}

  async upload(ticketId: string, request: FastifyRequest): Promise<AttachmentDto> {
    const t = await this.tickets.findOrThrow(ticketId);
    const { attachmentMaxBytes } = await this.config.settings();
    const { file } = readUpload(request, { contentTypes: ATTACHMENT_TYPES, maxBytes: attachmentMaxBytes });
    const a: TicketAttachment = {
      id: newId(),
      ticketId: t.id,
      fileName: file.fileName.slice(0, 255),
      contentType: file.contentType.split(';')[0].trim().slice(0, 100),
      sizeBytes: file.size,
      sha256: file.sha256,
      content: file.content,
      createdAt: this.clock.now(),
    };
    await this.db.getRepository(TicketAttachment).insert(a);
    await this.audit.record({ action: 'it.ticket.attachment_added', entityType: 'it_ticket_attachment', entityId: a.id, before: null, after: { ticketId: t.id, fileName: a.fileName, sizeBytes: a.sizeBytes, sha256: a.sha256 } });
    await this.events.publish('it.ticket.attachment_added', { type: 'it_ticket', id: t.id }, { ticketId: t.id, number: t.number, attachmentId: a.id, fileName: a.fileName, sizeBytes: a.sizeBytes, sha256: a.sha256 });
    return toDto(a);
  }

  async list(ticketId: string, query: { limit?: number; cursor?: string }): Promise<Page<AttachmentDto>> {
    await this.tickets.findOrThrow(ticketId);
    const qb = this.db.getRepository(TicketAttachment).createQueryBuilder('f').where('f.ticket_id = :ticketId', { ticketId });
    return paginate(qb, {
      sort: 'createdAt',
      fields: { createdAt: { column: 'f.created_at', type: 'timestamp', value: (f: TicketAttachment) => f.createdAt.toISOString() } },
      limit: query.limit,
      cursor: query.cursor,
      idColumn: 'f.id',
      map: toDto,
    });
  }

  async content(ticketId: string, attachmentId: string): Promise<{ meta: AttachmentDto; content: Buffer }> {
    const rows: Array<{ content: Buffer }> = await this.db.manager.query(`SELECT content FROM it_ticket_attachments WHERE id = $1 AND ticket_id = $2`, [attachmentId, ticketId]);
    const meta = await this.db.getRepository(TicketAttachment).findOneBy({ id: attachmentId, ticketId });
    if (!rows.length || !meta) throw new NotFoundProblem('Attachment', attachmentId);
    return { meta: toDto(meta), content: rows[0].content };
  }
}
