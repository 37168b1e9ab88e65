import { INestApplication } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { knownScopes } from './platform/auth/scopes';
import { PLATFORM_PROBLEMS } from './platform/http/problem';
import { SECURITY_SCHEME } from './platform/http/openapi';
import { documentUuidPathParameters, finalizeDocument } from './platform/http/openapi-document';
import { eventTypes } from './platform/events/event-types';
import { toOpenApi30 } from './platform/events/json-schema';
import { CONTRACTS_PROBLEMS } from './modules/contracts';
import { HR_PROBLEMS } from './modules/hr';
import { IMPORTS_PROBLEMS, INTEGRATIONS_PROBLEMS } from './modules/integrations';
import { INVENTORY_PROBLEMS } from './modules/inventory';
import { INVOICING_PROBLEMS } from './modules/invoicing';
import { IT_PROBLEMS } from './modules/it-tickets';
import { PAYROLL_PROBLEMS } from './modules/payroll';

const CONVENTIONS = `
The API that runs the back office: HR, payroll, invoicing, inventory, IT tickets and contracts.

## Authentication
Send an API key as \`Authorization: Bearer <key>\`. Each operation lists the scope it needs
(in its description and in \`x-required-scopes\`); \`admin\` implies every scope. Fields such as salary, bank
account and national id are only returned to, and only accepted from, keys with \`hr:sensitive\`.

## Conventions
- **Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\`; validation errors
  list every bad field in \`errors\`. Unknown fields are rejected.
- **Lists** use keyset pagination: \`limit\` (default 50, max 200) and the opaque \`cursor\` from
  the previous page's \`nextCursor\`; \`sort\` takes an allow-listed field, \`-\` for descending.
- **Concurrency**: single resources carry a \`version\` and an \`ETag\`; send \`If-Match\` on PATCH
  and actions to refuse stale writes (412 \`version_mismatch\`).
- **Retries**: send \`Idempotency-Key\` on POST; the same key and body replay the first response
  for 24 hours (header \`Idempotent-Replayed: true\`).
- **Money** is a decimal string with an ISO 4217 currency; **dates** are \`YYYY-MM-DD\`;
  **instants** are ISO 8601 with an offset.
- **Rate limits** apply per API key (429 with \`Retry-After\`).
- **Webhooks**: subscribe with \`POST /webhooks/subscriptions\`; deliveries follow Standard Webhooks
  (\`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`, body \`{ type, timestamp, data }\`). The
  \`data\` of each event type is described by the component schema \`Event_<type>\` and by
  \`GET /webhooks/event-types\`.
- **Audit**: every write is recorded (\`GET /audit-events\`); send \`X-Acting-User\` to name the
  person your system acts for.
`;

function errorCodeTable(): string {
  const rows = Object.entries({ ...PLATFORM_PROBLEMS, ...HR_PROBLEMS, ...INVENTORY_PROBLEMS, ...PAYROLL_PROBLEMS, ...INVOICING_PROBLEMS, ...IT_PROBLEMS, ...CONTRACTS_PROBLEMS, ...INTEGRATIONS_PROBLEMS, ...IMPORTS_PROBLEMS })
    .map(([code, p]) => `| \`${code}\` | ${p.status} | ${p.title} |`)
    .join('\n');
  return `\n## Error codes\n| code | status | meaning |\n| --- | --- | --- |\n${rows}\n`;
}

function scopeTable(): string {
  return [...knownScopes()].map(([s, d]) => `- \`${s}\`: ${d}`).join('\n');
}

/** The version in package.json, found from src/ (tests) or dist/src/ (build). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const version = packageVersion();
  const config = new DocumentBuilder()
    .setTitle('Back office API')
    .setDescription(CONVENTIONS + errorCodeTable())
    .setVersion(version)
    .setContact('Back office platform team', 'https://github.com/backoffice', 'platform@backoffice.example')
    .setLicense('Proprietary', 'https://backoffice.example/license')
    .addServer('/', 'This server: the API is served from the root of its host (local, staging or production alike).', {})
    .addSecurity(SECURITY_SCHEME, {
      type: 'http',
      scheme: 'bearer',
      description: `API key, sent as \`Authorization: Bearer <key>\`. Each operation names the scopes it needs in \`x-required-scopes\` and in its description. Scopes:\n${scopeTable()}`,
    })
    .addTag('api-keys', 'API keys and their scopes.')
    .addTag('audit', 'The append-only audit trail.')
    .addTag('health', 'Liveness and readiness probes.')
    .addTag('hr', 'Departments, positions and employees.')
    .addTag('integrations', 'CSV imports of master data and opening stock (streamed, all or nothing, with a bad-row report).')
    .addTag('inventory', 'Items, warehouses and locations, suppliers, the stock ledger, balances and valuation.')
    .addTag('invoicing', 'Seller profile, customers, products, tax categories, number series, draft and issued invoices with EN 16931 totals.')
    .addTag('it', 'IT service desk: tickets with SLA clocks on business hours, comments and attachments, the queue, SLA policies and reports, IT assets and license seats, hire/exit tickets.')
    .addTag('webhooks', 'Signed webhooks (Standard Webhooks) for every catalogued event: subscriptions, secret rotation, delivery log, redelivery and replay; the event catalogue.')
    .addTag('payroll', 'Pay schedules and their pay periods, effective-dated compensation, tax and contribution rule sets, payslip previews.')
    .addTag('reports', 'Cross-module reports (headcount, payroll cost, revenue and receivables, inventory value, IT SLA, contracts) as JSON or CSV, and the morning overview.')
    .addTag('contracts', 'Contracts with versions, documents and signatures, renewal and notice deadlines, obligations, billing schedules and upcoming dates.')
    .build();
  documentUuidPathParameters(app);
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  addEventSchemas(document);
  for (const server of document.servers ?? []) (server as { 'x-internal'?: boolean })['x-internal'] = false;
  return finalizeDocument(document);
}

/**
 * The event catalogue as components: `Event_<type>` is the `data` of a webhook delivery of that
 * type. The document is OpenAPI 3.0 (no `webhooks` section), so each event is also a callback of
 * the subscribe operation, as the receiver gets it.
 */
function addEventSchemas(document: OpenAPIObject): void {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  const callbacks: Record<string, unknown> = {};
  for (const t of eventTypes()) {
    const name = `Event_${t.topic}`;
    schemas[name] = { ...(toOpenApi30(t.schema) as object), description: `${t.description} (aggregate: ${t.aggregateType})`, 'x-event-type': t.topic } as never;
    callbacks[t.topic] = {
      '{$request.body#/url}': {
        post: {
          operationId: `webhook_${t.topic.replace(/\./g, '_')}`,
          summary: t.topic,
          description: `${t.description} Signed as Standard Webhooks: \`webhook-id\` (the event id), \`webhook-timestamp\`, \`webhook-signature\`.`,
          tags: ['webhooks'],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['type', 'timestamp', 'data'],
                  properties: {
                    type: { type: 'string', enum: [t.topic] },
                    timestamp: { type: 'string', format: 'date-time', description: 'When the event occurred.' },
                    data: { $ref: `#/components/schemas/${name}` },
                  },
                },
              },
            },
          },
          responses: { '200': { description: 'Any 2xx acknowledges the delivery; 408, 429 and 5xx are retried, other statuses are final.' } },
        },
      },
    };
  }
  const subscribe = document.paths['/webhooks/subscriptions']?.post;
  if (subscribe) subscribe.callbacks = callbacks as never;
}

export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
    customSiteTitle: 'Back office API',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
