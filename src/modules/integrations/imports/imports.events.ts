import { defineEventTypes } from '../../../platform/events/event-types';
import type { ImportKind, ImportMode, ImportStatus } from './import.entity';

export interface ImportFinishedPayload {
  importId: string;
  kind: ImportKind;
  mode: ImportMode;
  status: ImportStatus;
  processedRows: number;
  importedRows: number;
  errorCount: number;
  finishedAt: string;
}

declare module '../../../platform/events/catalogue' {
  interface EventCatalogue {
    'integrations.import.completed': ImportFinishedPayload;
    'integrations.import.failed': ImportFinishedPayload;
  }
}

const schema = {
  type: 'object',
  properties: {
    importId: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: ['employees', 'departments', 'customers', 'items', 'suppliers', 'opening-stock'] },
    mode: { type: 'string', enum: ['commit', 'validate'] },
    status: { type: 'string', enum: ['running', 'validated', 'committed', 'failed'] },
    processedRows: { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 },
    importedRows: { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 },
    errorCount: { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 },
    finishedAt: { type: 'string', format: 'date-time' },
  },
  required: ['importId', 'kind', 'mode', 'status', 'processedRows', 'importedRows', 'errorCount', 'finishedAt'],
  additionalProperties: false,
};

defineEventTypes({
  'integrations.import.completed': {
    description: 'A CSV import finished without bad rows: committed (every row written in one transaction) or validated (mode=validate, nothing written).',
    aggregateType: 'import',
    schema,
  },
  'integrations.import.failed': {
    description: 'A CSV import imported nothing: it had bad rows (listed by GET /imports/{id}/errors), was over the size limit or could not be read.',
    aggregateType: 'import',
    schema,
  },
});
