import { Inject, Injectable } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse';
import { Readable, Transform, pipeline } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { RequestContext } from '../../../platform/context/request-context';
import { newId } from '../../../platform/database/ids';
import { pgErrorCode, TransactionalConnection } from '../../../platform/database/transactional-connection';
import { EventBus } from '../../../platform/events/event-bus';
import { Page, paginate, SortField } from '../../../platform/http/pagination';
import { FieldError, NotFoundProblem, PlatformErrorCode, PlatformException, ProblemException } from '../../../platform/http/problem';
import { problemFromDatabaseError } from '../../../platform/http/problem.filter';
import { createValidationPipe } from '../../../platform/http/validation';
import { HrFacade } from '../../hr';
import { InventoryFacade } from '../../inventory';
import { InvoicingFacade } from '../../invoicing';
import { duplicateColumns, recordToBody, unknownColumns } from './csv-columns';
import { ImportDto, ImportRowErrorDto, ListImportErrorsQuery, ListImportsQuery } from './dto/import.dto';
import { ImportKind, ImportMode, ImportRowError, ImportRun, ImportStatus } from './import.entity';
import { aliasPaths, columnOfField, ImportKindDefinition, importKinds, kindColumns, ParsedRow, UnknownParent } from './import-kinds';
import { ImportsErrorCode, ImportsException } from './imports.errors';

/** Rows validated, resolved and written together; progress is published after each batch. */
export const IMPORT_BATCH_SIZE = 500;
/** Bad rows returned in the POST response (all of them are in GET /imports/{id}/errors). */
export const IMPORT_ERRORS_IN_RESPONSE = 100;
const MAX_RECORD_BYTES = 64 * 1024;
const RETRYABLE = new Set(['40001', '40P01']);

interface Progress {
  processed: number;
  imported: number;
  errors: number;
  bytes: number;
  firstErrors: ImportRowErrorDto[];
}

const toDto = (r: ImportRun): ImportDto => ({
  id: r.id,
  kind: r.kind,
  mode: r.mode,
  status: r.status,
  processedRows: r.processedRows,
  importedRows: r.importedRows,
  errorCount: r.errorCount,
  bytesRead: Number(r.bytesRead),
  totalBytes: r.totalBytes === null ? null : Number(r.totalBytes),
  failureReason: r.failureReason,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
  durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
  version: r.version,
});

const SORTS: Record<string, SortField> = {
  startedAt: { column: 'i.started_at', type: 'timestamp', value: (i: ImportRun) => i.startedAt.toISOString() },
};
const ERROR_SORTS: Record<string, SortField> = {
  row: { column: 'e.row_number', type: 'int', value: (e: ImportRowError) => e.rowNumber },
};

class HeaderProblem extends Error {
  constructor(readonly errors: FieldError[]) {
    super('bad header');
  }
}

/** The advisory lock an import holds for its whole transaction (`$1` = the import id). */
const IMPORT_LOCK_KEY = `hashtextextended('backoffice.import:' || $1::text, 0)`;

/**
 * CSV imports: the body is read as a stream in batches (memory does not grow with the file),
 * every row is validated with the JSON endpoint's DTO and written through the owning module's
 * facade inside one transaction, each row under a SAVEPOINT so a refused row does not abort the
 * others. Bad rows go to `imports_errors` over a separate connection (they survive the rollback);
 * with any bad row, nothing is imported.
 */
@Injectable()
export class ImportsService {
  private readonly kinds: Record<ImportKind, ImportKindDefinition>;
  private readonly pipe = createValidationPipe();
  private running = 0;

  constructor(
    private readonly db: TransactionalConnection,
    private readonly events: EventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    hr: HrFacade,
    invoicing: InvoicingFacade,
    inventory: InventoryFacade,
  ) {
    this.kinds = importKinds({ hr, invoicing, inventory });
  }

  definitions(): ImportKindDefinition[] {
    return Object.values(this.kinds);
  }

  async run(kind: ImportKind, mode: ImportMode, body: unknown, contentLength: string | undefined): Promise<ImportDto> {
    const def = this.kinds[kind];
    if (!RequestContext.hasScope(def.writeScope)) {
      throw new PlatformException(PlatformErrorCode.MissingScope, `Importing ${kind} needs the scope ${def.writeScope} as well as imports:write.`, { requiredScope: def.writeScope });
    }
    if (!(body instanceof Readable)) {
      throw new PlatformException(PlatformErrorCode.UnsupportedMediaType, 'Send the CSV file itself as the request body, with Content-Type: text/csv.');
    }
    const max = this.config.IMPORT_MAX_BYTES;
    const totalBytes = contentLength !== undefined && /^\d{1,15}$/.test(contentLength) ? Number(contentLength) : null;
    if (totalBytes !== null && totalBytes > max) throw this.tooLarge(max);
    // A transaction retried by the platform would find the stream already read: refuse instead.
    if (body.readableDidRead || body.destroyed) {
      throw new PlatformException(PlatformErrorCode.ConcurrentUpdate, 'The import conflicted with concurrent updates after reading its body; send it again.', {}, undefined, { 'Retry-After': '1' });
    }

    // Each import holds its transaction's connection and needs a second one for progress and bad
    // rows: bounding them per instance keeps the pool from starving (every import waiting).
    const slots = Math.max(1, Math.floor(this.config.DB_POOL_SIZE / 3));
    if (this.running >= slots) {
      throw new PlatformException(PlatformErrorCode.RateLimited, `${this.running} imports are already running on this instance (at most ${slots}); retry shortly.`, {}, undefined, { 'Retry-After': '5' });
    }
    this.running += 1;
    try {
      return await this.runSlot(kind, mode, body, totalBytes);
    } finally {
      this.running -= 1;
    }
  }

  private async runSlot(kind: ImportKind, mode: ImportMode, body: Readable, totalBytes: number | null): Promise<ImportDto> {
    const def = this.kinds[kind];
    const id = newId();
    const actor = RequestContext.actor();
    await this.db.dataSource.query(
      `INSERT INTO imports (id, kind, mode, status, total_bytes, api_key_id, request_id, started_at, updated_at) VALUES ($1, $2, $3, 'running', $4, $5, $6, now(), now())`,
      [id, kind, mode, totalBytes, actor.keyId, RequestContext.requestId() ?? null],
    );
    const progress: Progress = { processed: 0, imported: 0, errors: 0, bytes: 0, firstErrors: [] };
    const m = this.db.manager;
    // Held until this transaction ends, however it ends (commit, rollback, a lost connection, a
    // crashed process): the reaper takes an import whose lock is free but is still `running` as abandoned.
    await m.query(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`, [id]);
    await m.query('SAVEPOINT import_all');
    try {
      await this.consume(def, id, body, progress);
    } catch (err) {
      if (err instanceof HeaderProblem) {
        await this.recordErrors(id, progress, err.errors.map((e) => ({ row: 0, field: e.field, message: e.message })));
        throw await this.reject(id, progress, 'The header names unknown or repeated columns.');
      }
      if (err instanceof CsvError) {
        const row = Math.max(0, Number((err as CsvError & { records?: number }).records ?? progress.processed) + 1);
        await this.recordErrors(id, progress, [{ row, field: '(row)', message: `Unreadable CSV: ${err.message}`.slice(0, 1000) }]);
        throw await this.reject(id, progress, 'The file is not readable as CSV.');
      }
      const code = (err as { code?: unknown } | undefined)?.code;
      const aborted = code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'ECONNABORTED';
      const reason = err instanceof ProblemException ? err.detail : aborted ? 'The request body ended before the file was complete.' : 'The import stopped on an unexpected error.';
      await this.finishOutside(id, 'failed', progress, reason);
      if (aborted) throw new PlatformException(PlatformErrorCode.BadRequest, reason);
      throw err;
    }
    if (progress.errors > 0) throw await this.reject(id, progress, `${progress.errors} bad row${progress.errors === 1 ? '' : 's'}; nothing was imported.`);

    if (mode === 'validate') {
      await m.query('ROLLBACK TO SAVEPOINT import_all');
      const run = await this.finishOutside(id, 'validated', progress, null);
      return toDto(run);
    }
    await m.query('RELEASE SAVEPOINT import_all');
    // The final state commits with the rows: a reader never sees `committed` before they are visible.
    const run = await this.finish(id, 'committed', progress, null);
    await this.publish('integrations.import.completed', run);
    return toDto(run);
  }

  private tooLarge(max: number): PlatformException {
    return new PlatformException(PlatformErrorCode.PayloadTooLarge, `The CSV body exceeds the import limit of ${max} bytes.`, { limit: max });
  }

  private async consume(def: ImportKindDefinition, importId: string, body: Readable, progress: Progress): Promise<void> {
    const max = this.config.IMPORT_MAX_BYTES;
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        progress.bytes += chunk.length;
        if (progress.bytes > max) done(this.tooLarge(max));
        else done(null, chunk);
      },
    });
    let header: string[] = [];
    const parser = parse({
      bom: true,
      columns: (h: string[]) => (header = h.map((c) => c.trim())),
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: MAX_RECORD_BYTES,
      info: true,
    });
    // Errors of any stage (size limit, client abort) end the parser's iteration with that error.
    pipeline(body, counter, parser, () => undefined);

    const known = new Set(kindColumns(def).map((c) => c.name));
    const extra = new Set(Object.keys(def.extraColumns));
    let checked = false;
    let batch: ParsedRow[] = [];
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { invalid_field_length: number } }>) {
      if (!checked) {
        this.checkHeader(header, known);
        checked = true;
      }
      batch.push(await this.parseRow(def, progress.processed + batch.length + 1, record, info.invalid_field_length, header.length, extra));
      if (batch.length >= IMPORT_BATCH_SIZE) {
        await this.processBatch(def, importId, batch, progress);
        batch = [];
      }
    }
    if (!checked) this.checkHeader(header, known);
    if (batch.length) await this.processBatch(def, importId, batch, progress);
  }

  private checkHeader(header: string[], known: ReadonlySet<string>): void {
    if (!header.length) throw new HeaderProblem([{ field: '(header)', message: 'The file is empty: the first line must name the columns.' }]);
    const errors: FieldError[] = [
      ...unknownColumns(header, known).map((c) => ({ field: c.slice(0, 200) || '(empty)', message: 'is not a column of this kind' })),
      ...[...new Set(duplicateColumns(header))].map((c) => ({ field: c.slice(0, 200), message: 'is named more than once' })),
    ];
    if (errors.length) throw new HeaderProblem(errors);
  }

  private async parseRow(def: ImportKindDefinition, row: number, record: Record<string, string>, badLength: number, columns: number, extra: ReadonlySet<string>): Promise<ParsedRow> {
    if (badLength) return { row, body: {}, refs: {}, errors: [{ field: '(row)', message: `The row does not have the ${columns} fields of the header.` }] };
    const { body, refs } = recordToBody(record, def.dto, extra, aliasPaths(def));
    try {
      const dto = (await this.pipe.transform(body, { type: 'body', metatype: def.dto as never, data: '' })) as Record<string, unknown>;
      return { row, body: dto, refs, errors: [] };
    } catch (err) {
      if (err instanceof ProblemException) return { row, body, refs, errors: this.fieldErrors(err).map((e) => ({ ...e, field: columnOfField(def, e.field) })) };
      throw err;
    }
  }

  private async processBatch(def: ImportKindDefinition, importId: string, rows: ParsedRow[], progress: Progress): Promise<void> {
    const m = this.db.manager;
    const ctx = { importId };
    const valid = rows.filter((r) => !r.errors.length);
    if (def.resolve && valid.length) await def.resolve(valid, ctx);
    // Optimistic: the whole batch under one savepoint; only when a row is refused is the batch
    // rolled back and written again row by row, each under its own savepoint.
    await m.query('SAVEPOINT import_batch');
    const writable = rows.filter((r) => !r.errors.length);
    let clean = true;
    for (const r of writable) {
      try {
        await def.write(r, ctx);
      } catch {
        clean = false;
        break;
      }
    }
    if (clean) {
      await m.query('RELEASE SAVEPOINT import_batch');
      progress.imported += writable.length;
    } else {
      await m.query('ROLLBACK TO SAVEPOINT import_batch');
      await this.writeRowByRow(def, ctx, rows, progress);
    }
    progress.processed += rows.length;
    await this.recordErrors(importId, progress, rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: e.field, message: e.message }))));
    await this.db.dataSource.query(
      `UPDATE imports SET processed_rows = $2, imported_rows = $3, error_count = $4, bytes_read = $5, updated_at = now(), version = version + 1 WHERE id = $1`,
      [importId, progress.processed, progress.imported, progress.errors, progress.bytes],
    );
  }

  private async writeRowByRow(def: ImportKindDefinition, ctx: { importId: string }, rows: ParsedRow[], progress: Progress): Promise<void> {
    const m = this.db.manager;
    for (const r of rows) {
      if (r.errors.length) continue;
      await m.query('SAVEPOINT import_row');
      try {
        await def.write(r, ctx);
        await m.query('RELEASE SAVEPOINT import_row');
        progress.imported += 1;
      } catch (err) {
        await m.query('ROLLBACK TO SAVEPOINT import_row');
        r.errors.push(...this.rowErrors(err));
      }
    }
  }

  /** A refused row's errors; anything that is not a refusal of this row stops the import. */
  private rowErrors(err: unknown): FieldError[] {
    if (err instanceof UnknownParent) return [{ field: 'parentCode', message: err.message }];
    const code = pgErrorCode(err);
    if (code && RETRYABLE.has(code)) {
      throw new PlatformException(PlatformErrorCode.ConcurrentUpdate, 'The import conflicted with concurrent updates; send it again.', {}, undefined, { 'Retry-After': '1' });
    }
    const problem = err instanceof QueryFailedError ? problemFromDatabaseError(err) : err instanceof ProblemException ? err : undefined;
    if (!problem || problem.status >= 500) throw err;
    return this.fieldErrors(problem);
  }

  private fieldErrors(problem: ProblemException): FieldError[] {
    if (problem.errors?.length) return problem.errors;
    const field = typeof problem.extensions.field === 'string' ? problem.extensions.field : '(row)';
    return [{ field, message: problem.detail }];
  }

  /** Appends bad rows over a separate connection (committed at once, so they survive the rollback). */
  private async recordErrors(importId: string, progress: Progress, errors: ImportRowErrorDto[]): Promise<void> {
    if (!errors.length) return;
    progress.errors += errors.length;
    for (const e of errors) if (progress.firstErrors.length < IMPORT_ERRORS_IN_RESPONSE) progress.firstErrors.push(e);
    await this.db.dataSource.query(
      `INSERT INTO imports_errors (id, import_id, row_number, field, message)
       SELECT id, $1, row_number, field, message FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[]) AS e (id, row_number, field, message)`,
      [importId, errors.map(() => newId()), errors.map((e) => e.row), errors.map((e) => e.field.slice(0, 200)), errors.map((e) => e.message.slice(0, 1000))],
    );
  }

  private async reject(id: string, progress: Progress, reason: string): Promise<ProblemException> {
    await this.finishOutside(id, 'failed', progress, reason);
    const first = progress.firstErrors;
    return new ImportsException(
      ImportsErrorCode.ImportRejected,
      `${reason} ${progress.errors > first.length ? `The first ${first.length} of ${progress.errors} errors are listed; ` : ''}GET /imports/${id}/errors lists every bad row.`.replace('; nothing was imported.', ': nothing was imported.'),
      { importId: id, errorCount: progress.errors, rowErrors: first },
      first.map((e) => ({ field: `rows[${e.row}].${e.field}`, message: e.message })),
    );
  }

  private finish(id: string, status: ImportStatus, progress: Progress, reason: string | null): Promise<ImportRun> {
    return this.finishWith(this.db.manager.query.bind(this.db.manager), id, status, progress, reason);
  }

  /** Final state written in its own transaction (the business transaction is rolled back), with its event. */
  private async finishOutside(id: string, status: ImportStatus, progress: Progress, reason: string | null): Promise<ImportRun> {
    const store = RequestContext.current();
    return this.db.dataSource.transaction((manager) =>
      RequestContext.run({ requestId: store?.requestId ?? id, actor: RequestContext.actor(), manager, afterCommit: [] }, async () => {
        const run = await this.finishWith(manager.query.bind(manager), id, status, progress, reason);
        await this.publish(status === 'failed' ? 'integrations.import.failed' : 'integrations.import.completed', run);
        return run;
      }),
    );
  }

  private async finishWith(query: (sql: string, params: unknown[]) => Promise<unknown>, id: string, status: ImportStatus, progress: Progress, reason: string | null): Promise<ImportRun> {
    await query(
      `UPDATE imports SET status = $2, processed_rows = $3, imported_rows = $4, error_count = $5, bytes_read = $6, failure_reason = $7,
              finished_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1`,
      [id, status, progress.processed, status === 'failed' ? 0 : progress.imported, progress.errors, progress.bytes, reason?.slice(0, 500) ?? null],
    );
    return this.load(query, id);
  }

  /**
   * Imports left `running` by a transaction that never committed its final state (the process
   * crashed, the connection was lost, the commit failed) become `failed`, with their event. An
   * import still in progress holds its advisory lock, so it is never taken for abandoned; the age
   * bound covers the instant between recording the import and taking the lock.
   */
  async reapAbandoned(): Promise<number> {
    const m = this.db.manager;
    const free: Array<{ id: string }> = await m.query(
      `SELECT id FROM imports
        WHERE status = 'running' AND started_at < now() - interval '1 minute' AND pg_try_advisory_xact_lock(${IMPORT_LOCK_KEY.replace('$1', 'id')})
        ORDER BY started_at LIMIT 100`,
    );
    let reaped = 0;
    for (const { id } of free) {
      // A new statement sees an import that committed meanwhile as committed, and leaves it.
      const rows: unknown[] = await m.query(
        `WITH reaped AS (
           UPDATE imports SET status = 'failed', imported_rows = 0, failure_reason = $2, finished_at = now(), updated_at = now(), version = version + 1
            WHERE id = $1 AND status = 'running' RETURNING id
         ) SELECT id FROM reaped`,
        [id, 'The import stopped before it finished (its process or database connection ended, or its final commit failed); nothing was imported. Send the file again.'],
      );
      if (!rows.length) continue;
      await this.publish('integrations.import.failed', await this.load(m.query.bind(m), id));
      reaped += 1;
    }
    return reaped;
  }

  private async load(query: (sql: string, params: unknown[]) => Promise<unknown>, id: string): Promise<ImportRun> {
    const [r] = (await query(
      `SELECT id, kind, mode, status, processed_rows, imported_rows, error_count, bytes_read, total_bytes, failure_reason, api_key_id, request_id, version, started_at, finished_at, updated_at FROM imports WHERE id = $1`,
      [id],
    )) as Array<Record<string, unknown>>;
    return {
      id: r.id as string,
      kind: r.kind as ImportKind,
      mode: r.mode as ImportMode,
      status: r.status as ImportStatus,
      processedRows: r.processed_rows as number,
      importedRows: r.imported_rows as number,
      errorCount: r.error_count as number,
      bytesRead: String(r.bytes_read),
      totalBytes: r.total_bytes === null ? null : String(r.total_bytes),
      failureReason: r.failure_reason as string | null,
      apiKeyId: r.api_key_id as string | null,
      requestId: r.request_id as string | null,
      version: r.version as number,
      startedAt: r.started_at as Date,
      finishedAt: r.finished_at as Date | null,
      updatedAt: r.updated_at as Date,
    };
  }

  private async publish(topic: 'integrations.import.completed' | 'integrations.import.failed', run: ImportRun): Promise<void> {
    await this.events.publish(topic, { type: 'import', id: run.id }, {
      importId: run.id,
      kind: run.kind,
      mode: run.mode,
      status: run.status,
      processedRows: run.processedRows,
      importedRows: run.importedRows,
      errorCount: run.errorCount,
      finishedAt: (run.finishedAt ?? new Date()).toISOString(),
    });
  }

  async get(id: string): Promise<ImportDto> {
    const run = await this.db.findById(ImportRun, id);
    if (!run) throw new NotFoundProblem('Import', id);
    return toDto(run);
  }

  list(query: ListImportsQuery): Promise<Page<ImportDto>> {
    const qb = this.db.getRepository(ImportRun).createQueryBuilder('i');
    if (query.kind) qb.andWhere('i.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    return paginate(qb, { sort: query.sort ?? '-startedAt', fields: SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'i.id', map: toDto });
  }

  async errors(id: string, query: ListImportErrorsQuery): Promise<Page<ImportRowErrorDto>> {
    await this.get(id);
    const qb = this.db.getRepository(ImportRowError).createQueryBuilder('e').where('e.import_id = :id', { id });
    return paginate(qb, { sort: 'row', fields: ERROR_SORTS, limit: query.limit, cursor: query.cursor, idColumn: 'e.id', map: (e) => ({ row: e.rowNumber, field: e.field, message: e.message }) });
  }
}
