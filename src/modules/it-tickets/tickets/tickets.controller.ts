import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IfMatch } from '../../../platform/http/if-match';
import { Endpoint } from '../../../platform/http/openapi';
import { PageQuery } from '../../../platform/http/pagination';
import { ApiStoredFile, ApiUpload, sendStoredFile } from '../../../platform/http/upload';
import { ParseUuidPipe } from '../../../platform/http/validation';
import { IT_READ, IT_WRITE } from '../it-tickets.scopes';
import { ATTACHMENT_TYPES, AttachmentsService } from './attachments.service';
import { AttachmentDto, AttachmentPageDto } from './dto/attachment.dto';
import { AssignTicketDto, CommentDto, CommentPageDto, CreateCommentDto, CreateTicketDto, ListTicketsQuery, TicketDto, TicketPageDto, TransitionPageDto, UpdateTicketDto } from './dto/ticket.dto';
import { TicketsService } from './tickets.service';

const ACTION = { scopes: [IT_WRITE], type: TicketDto, ifMatch: true, etag: true, errors: [404, 409] };
const SLA_NOTE = 'The SLA clocks are recomputed from the whole status history.';

@ApiTags('it')
@Controller('it')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Post('tickets')
  @Endpoint({
    summary: 'Raise a ticket',
    description: 'Numbers it (`IT-1042`, gapless), derives the priority from impact × urgency through the priority matrix, picks the most specific active SLA policy and starts its clocks. The requester must be an employee (422 `unknown_employee`); an assignee must be an active agent in the group (422 `not_an_agent`, `agent_not_in_group`).',
    scopes: [IT_WRITE],
    status: 201,
    type: TicketDto,
    idempotent: true,
    body: true,
    etag: true,
  })
  create(@Body() body: CreateTicketDto) {
    return this.tickets.create(body);
  }

  @Get('tickets')
  @Endpoint({ summary: 'List tickets', description: 'Filters by status, priority, type, assignee, group, requester, breached and at risk; sorted by the earliest SLA due time by default.', scopes: [IT_READ], type: TicketPageDto, errors: [422] })
  list(@Query() query: ListTicketsQuery) {
    return this.tickets.list(query);
  }

  @Get('queue')
  @Endpoint({ summary: 'The work queue', description: 'Tickets not resolved or closed, most urgent SLA first; the same filters as the ticket list.', scopes: [IT_READ], type: TicketPageDto, errors: [422] })
  queue(@Query() query: ListTicketsQuery) {
    return this.tickets.list(query, true);
  }

  @Get('tickets/:id')
  @Endpoint({ summary: 'Get a ticket', description: 'With its SLA clocks (target, elapsed and paused business minutes, due time, state).', scopes: [IT_READ], type: TicketDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.tickets.get(id);
  }

  @Patch('tickets/:id')
  @Endpoint({ summary: 'Edit a ticket', description: `A new impact or urgency re-derives the priority and re-matches the SLA policy (unless \`slaPolicyId\` pins one). ${SLA_NOTE}`, scopes: [IT_WRITE], type: TicketDto, ifMatch: true, body: true, etag: true, errors: [404], noOp: true })
  update(@Param('id', ParseUuidPipe) id: string, @Body() body: UpdateTicketDto, @IfMatch() version?: number) {
    return this.tickets.update(id, body, version);
  }

  @Post('tickets/:id/assign')
  @Endpoint({ summary: 'Assign a ticket', description: 'To an active agent and/or a group (the agent must be in it).', scopes: [IT_WRITE], type: TicketDto, ifMatch: true, body: true, etag: true, errors: [404] })
  assign(@Param('id', ParseUuidPipe) id: string, @Body() body: AssignTicketDto, @IfMatch() version?: number) {
    return this.tickets.assign(id, body, version);
  }

  @Post('tickets/:id/open')
  @Endpoint({ summary: 'Triage a new ticket (new → open)', ...ACTION })
  open(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.tickets.transition(id, 'open', version);
  }

  @Post('tickets/:id/start')
  @Endpoint({ summary: 'Start work (→ in_progress)', ...ACTION })
  start(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.tickets.transition(id, 'start', version);
  }

  @Post('tickets/:id/wait-on-requester')
  @Endpoint({ summary: 'Wait on the requester', description: `Pauses the clocks when the policy lists the state. ${SLA_NOTE}`, ...ACTION })
  waitOnRequester(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.tickets.transition(id, 'wait_on_requester', version);
  }

  @Post('tickets/:id/wait-on-third-party')
  @Endpoint({ summary: 'Wait on a third party', description: `Pauses the clocks when the policy lists the state. ${SLA_NOTE}`, ...ACTION })
  waitOnThirdParty(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.tickets.transition(id, 'wait_on_third_party', version);
  }

  @Post('tickets/:id/resume')
  @Endpoint({ summary: 'Resume after waiting (→ in_progress)', ...ACTION })
  resume(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.tickets.transition(id, 'resume', version);
  }

  @Post('tickets/:id/resolve')
  @Endpoint({ summary: 'Resolve a ticket', description: 'Stops the resolution clock; an onboarding/offboarding ticket completes the HR journey tasks of kind `it_ticket`.', ...ACTION })
  resolve(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.tickets.transition(id, 'resolve', version);
  }

  @Post('tickets/:id/close')
  @Endpoint({ summary: 'Close a resolved ticket', description: 'An offboarding ticket closes only when every listed asset is checked in or marked lost (409 `offboarding_assets_outstanding`).', ...ACTION })
  close(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.tickets.transition(id, 'close', version);
  }

  @Post('tickets/:id/reopen')
  @Endpoint({ summary: 'Reopen a resolved ticket', description: 'Only within the reopen window after resolution (409 `reopen_window_expired`); the resolution clock runs on from where it stopped.', ...ACTION })
  reopen(@Param('id', ParseUuidPipe) id: string, @IfMatch() version?: number) {
    return this.tickets.transition(id, 'reopen', version);
  }

  @Get('tickets/:id/history')
  @Endpoint({ summary: 'Status history of a ticket', description: 'Every transition, oldest first.', scopes: [IT_READ], type: TransitionPageDto, errors: [404, 422] })
  history(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.tickets.history(id, query);
  }

  @Post('tickets/:id/comments')
  @Endpoint({ summary: 'Comment on a ticket', description: 'The first public comment of an active agent (not the requester) is the first response and stops that clock.', scopes: [IT_WRITE], status: 201, type: CommentDto, idempotent: true, body: true, errors: [404] })
  comment(@Param('id', ParseUuidPipe) id: string, @Body() body: CreateCommentDto) {
    return this.tickets.addComment(id, body);
  }

  @Get('tickets/:id/comments')
  @Endpoint({ summary: 'Comments of a ticket', description: 'Oldest first.', scopes: [IT_READ], type: CommentPageDto, errors: [404, 422] })
  comments(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.tickets.comments(id, query);
  }

  @Post('tickets/:id/attachments')
  @ApiUpload({ contentTypes: ATTACHMENT_TYPES, maxBytesDescription: 'up to the desk setting `attachmentMaxBytes`, 5 MB by default' })
  @Endpoint({ summary: 'Attach a file', description: 'multipart/form-data with one `file` part. Stored in PostgreSQL with its SHA-256; larger than the desk limit is 413, an unlisted type 415.', scopes: [IT_WRITE], status: 201, type: AttachmentDto, idempotent: true, body: true, errors: [404] })
  upload(@Param('id', ParseUuidPipe) id: string, @Req() request: FastifyRequest) {
    return this.attachments.upload(id, request);
  }

  @Get('tickets/:id/attachments')
  @Endpoint({ summary: 'Attachments of a ticket (metadata)', scopes: [IT_READ], type: AttachmentPageDto, errors: [404, 422] })
  listAttachments(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.attachments.list(id, query);
  }

  @Get('tickets/:id/attachments/:attachmentId/content')
  @ApiProduces('application/octet-stream')
  @ApiStoredFile({ contentTypes: ['application/octet-stream'], maxBytes: 104857600, description: 'The stored bytes.' })
  @Endpoint({ summary: 'Download an attachment', description: 'The stored bytes, with the stored content type; `X-Content-SHA256` (hex) and `Repr-Digest` (RFC 9530) carry the checksum.', scopes: [IT_READ], errors: [404] })
  async download(@Param('id', ParseUuidPipe) id: string, @Param('attachmentId', ParseUuidPipe) attachmentId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { meta, content } = await this.attachments.content(id, attachmentId);
    return sendStoredFile(reply, { ...meta, content });
  }
}
