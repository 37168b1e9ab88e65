import { Controller, Get, Headers, Param, Post, Query, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Endpoint } from '../../../platform/http/openapi';
import { ParseUuidPipe, STREAMED_BODY } from '../../../platform/http/validation';
import { CreateImportQuery, ImportDto, ImportPageDto, ImportRowErrorPageDto, ListImportErrorsQuery, ListImportsQuery } from './dto/import.dto';
import { Facades, importKinds, kindColumns } from './import-kinds';
import { IMPORT_BATCH_SIZE, IMPORT_ERRORS_IN_RESPONSE, ImportsService } from './imports.service';
import { IMPORTS_READ, IMPORTS_WRITE } from './imports.scopes';

const kindDocs = Object.values(importKinds({} as Facades))
  .map((k) => {
    const columns = kindColumns(k)
      .map((c) => `\`${c.name}\`${c.required ? ' (required)' : ''}${c.description ? `: ${c.description}` : ''}`)
      .join(', ');
    return `- **${k.kind}** (also needs \`${k.writeScope}\`): ${columns}.${k.note ? ` ${k.note}` : ''}\n  Example:\n\n  \`\`\`csv\n  ${k.example.trim().split('\n').join('\n  ')}\n  \`\`\``;
  })
  .join('\n');

const IMPORT_DESCRIPTION = `Send the CSV file itself as the body (\`Content-Type: text/csv\`, UTF-8, comma-separated, first line = column names, which are the API field names of the JSON endpoint; nested fields dotted, e.g. \`billingAddress.city\`; list cells \`|\`-separated; an empty cell leaves the field out).

The body is streamed: rows are read, validated with the JSON endpoint's rules and written in batches of ${IMPORT_BATCH_SIZE}, so a file of any length (up to the IMPORT_MAX_BYTES limit, 413 above it) needs the memory of one batch. Every row is written through the owning module exactly as its POST would (audit and outbox events) inside ONE transaction, each row under a savepoint so a refused row (bad field, duplicate in the file or in the database, unknown reference) does not stop the others from being checked.

- No bad row and \`mode=commit\`: everything is committed at once (201, status \`committed\`, event \`integrations.import.completed\`).
- \`mode=validate\`: the same checks, database refusals included, and nothing is written (201, status \`validated\`).
- Any bad row: nothing is imported; 422 \`import_rejected\` with \`importId\`, \`errorCount\`, the first ${IMPORT_ERRORS_IN_RESPONSE} bad rows in \`rowErrors\` (row, field, message; row 1 is the first line after the header) and \`errors\` (\`rows[<row>].<field>\`). GET /imports/{id}/errors pages through all of them. Event \`integrations.import.failed\`.

At most a third of DB_POOL_SIZE imports run at once per instance (each holds a transaction and needs a second connection for progress): beyond that, 429 \`rate_limited\` with Retry-After.

Progress is visible while the import runs: GET /imports/{id} (processed rows, bytes read of Content-Length).

Idempotency-Key: a streamed body cannot be hashed before it is read, so the key covers the method, the path with \`kind\` and \`mode\`, the content type and the Content-Length, not the bytes; use a new key for a new file.

Kinds and their columns:
${kindDocs}`;

@ApiTags('integrations')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @RouteConfig({ [STREAMED_BODY]: 'text/csv' })
  @ApiConsumes('text/csv')
  @ApiBody({
    required: true,
    description: 'The CSV file (UTF-8).',
    schema: { type: 'string', maxLength: 50 * 1024 * 1024, example: 'code,name,costCenter,parentCode\nENG,Engineering,CC-4000,\nENG-PLAT,Platform Engineering,CC-4100,ENG\n' },
  })
  @Endpoint({
    summary: 'Import a CSV file (employees, departments, customers, items, suppliers, opening stock)',
    description: IMPORT_DESCRIPTION,
    scopes: [IMPORTS_WRITE],
    status: 201,
    type: ImportDto,
    idempotent: true,
    body: true,
    errors: [409, 422],
  })
  @ApiHeader({ name: 'content-length', required: true, description: 'Size of the file in bytes (set by HTTP clients).', schema: { type: 'string', maxLength: 20, pattern: '^\\d{1,20}$' } })
  create(@Query() query: CreateImportQuery, @Req() request: FastifyRequest, @Headers('content-length') contentLength?: string) {
    return this.imports.run(query.kind, query.mode ?? 'commit', request.body, contentLength);
  }

  @Get()
  @Endpoint({ summary: 'List imports', description: 'Newest first by default.', scopes: [IMPORTS_READ], type: ImportPageDto, errors: [422] })
  list(@Query() query: ListImportsQuery) {
    return this.imports.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an import and its progress', description: 'While `status` is `running`, `processedRows` and `bytesRead` (of `totalBytes`) grow batch by batch.', scopes: [IMPORTS_READ], type: ImportDto, etag: true, errors: [404] })
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.imports.get(id);
  }

  @Get(':id/errors')
  @Endpoint({ summary: 'List the bad rows of an import', description: 'In row order; row 0 is the header.', scopes: [IMPORTS_READ], type: ImportRowErrorPageDto, errors: [404, 422] })
  errors(@Param('id', ParseUuidPipe) id: string, @Query() query: ListImportErrorsQuery) {
    return this.imports.errors(id, query);
  }
}
