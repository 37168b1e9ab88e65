import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
type SchemaObject = { [key: string]: unknown };
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { PlatformErrorCode, PlatformException } from './problem';

/**
 * One uploaded file, read whole into memory by the multipart plugin (the size limit is
 * `UPLOAD_MAX_BYTES`, or a lower one per endpoint). `toJSON` leaves the bytes out, so the
 * Idempotency-Key body hash covers the name, type, size and SHA-256, not megabytes of content.
 */
export class UploadedFile {
  constructor(
    readonly fileName: string,
    readonly contentType: string,
    readonly content: Buffer,
    readonly sha256: string,
  ) {}

  get size(): number {
    return this.content.length;
  }

  toJSON() {
    return { fileName: this.fileName, contentType: this.contentType, size: this.size, sha256: this.sha256 };
  }
}

interface MultipartFilePart {
  filename: string;
  mimetype: string;
  toBuffer(): Promise<Buffer>;
  value?: unknown;
}

/** `onFile` of @fastify/multipart: buffers the part and replaces it by an `UploadedFile`. */
export async function bufferUploadedFile(part: MultipartFilePart): Promise<void> {
  const content = await part.toBuffer();
  part.value = new UploadedFile(part.filename || 'file', (part.mimetype || 'application/octet-stream').toLowerCase(), content, createHash('sha256').update(content).digest('hex'));
}

export interface UploadOptions<F extends object> {
  /** The form field holding the file (default `file`). */
  field?: string;
  /** Accepted media types (lower case); anything else is 415. */
  contentTypes: readonly string[];
  /** Lower than `UPLOAD_MAX_BYTES` for this endpoint; larger is 413. */
  maxBytes?: number;
  /** A class-validator DTO for the text fields sent beside the file. */
  fields?: new () => F;
}

const problem = (field: string, message: string) =>
  new PlatformException(PlatformErrorCode.ValidationFailed, `1 field failed validation: ${field}.`, {}, [{ field, message }]);

/**
 * Reads a `multipart/form-data` upload: exactly one file in `field`, text fields validated like
 * a JSON body (unknown fields refused). 415 when the request is not multipart or the file's type
 * is not accepted, 413 when the file is larger than allowed, 422 for a missing file or bad fields.
 */
export function readUpload<F extends object = Record<string, never>>(request: FastifyRequest, options: UploadOptions<F>): { file: UploadedFile; fields: F } {
  const fieldName = options.field ?? 'file';
  if (!request.isMultipart?.() || !request.body || typeof request.body !== 'object') {
    throw new PlatformException(PlatformErrorCode.UnsupportedMediaType, `Send the file as multipart/form-data with the file in the "${fieldName}" field.`);
  }
  const { [fieldName]: file, ...rest } = request.body as Record<string, unknown>;
  if (Array.isArray(file)) throw problem(fieldName, 'must be exactly one file');
  if (!(file instanceof UploadedFile)) throw problem(fieldName, 'is required (a file part)');
  for (const [key, value] of Object.entries(rest)) {
    if (value instanceof UploadedFile || Array.isArray(value)) throw problem(key, 'only one file per request');
  }
  if (file.size === 0) throw problem(fieldName, 'must not be empty');
  if (options.maxBytes !== undefined && file.size > options.maxBytes) {
    throw new PlatformException(PlatformErrorCode.PayloadTooLarge, `The file is ${file.size} bytes; this endpoint accepts at most ${options.maxBytes} bytes.`);
  }
  const type = file.contentType.split(';')[0].trim();
  if (!options.contentTypes.includes(type)) {
    throw new PlatformException(PlatformErrorCode.UnsupportedMediaType, `Files of type ${type} are not accepted here; send one of: ${options.contentTypes.join(', ')}.`);
  }
  if (!options.fields) {
    const extra = Object.keys(rest);
    if (extra.length) throw problem(extra[0], 'is not an accepted field');
    return { file, fields: {} as F };
  }
  const instance = plainToInstance(options.fields, rest);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true, validationError: { target: false, value: false } });
  if (errors.length) {
    const list = errors.map((e) => ({ field: e.property, message: Object.values(e.constraints ?? {})[0] ?? 'is invalid' }));
    throw new PlatformException(PlatformErrorCode.ValidationFailed, `${list.length} field${list.length === 1 ? '' : 's'} failed validation: ${list.map((e) => e.field).join(', ')}.`, {}, list);
  }
  return { file, fields: instance };
}

/**
 * Documents a multipart upload: the file part plus the text fields (their schemas, with
 * maxLength and examples), and the accepted media types in the description.
 */
export function ApiUpload(options: { field?: string; contentTypes: readonly string[]; maxBytesDescription: string; fields?: Record<string, SchemaObject>; required?: string[] }) {
  const field = options.field ?? 'file';
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      required: true,
      schema: {
        type: 'object',
        required: [field, ...(options.required ?? [])],
        properties: {
          [field]: {
            type: 'string',
            format: 'binary',
            maxLength: 104857600,
            description: `The file (${options.maxBytesDescription}); accepted types: ${options.contentTypes.join(', ')}.`,
          },
          ...(options.fields ?? {}),
        } as never,
      },
    }),
  );
}

/**
 * Sends stored bytes as a download: the stored content type, an ASCII-safe attachment file name,
 * and the SHA-256 as hex (`X-Content-SHA256`) and as RFC 9530 `Repr-Digest`.
 */
export function sendStoredFile(reply: { header(name: string, value: string): unknown }, file: { fileName: string; contentType: string; sha256: string; content: Buffer }): Buffer {
  reply.header('Content-Type', file.contentType);
  reply.header('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`);
  reply.header('X-Content-SHA256', file.sha256);
  reply.header('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  return file.content;
}

/** Documents a download made with `sendStoredFile`: the media types, the size bound and the checksum headers. */
export function ApiStoredFile(options: { contentTypes: readonly string[]; maxBytes: number; description: string }) {
  return ApiResponse({
    status: 200,
    description: options.description,
    headers: {
      'X-Request-Id': { description: 'Request id (echoed, or generated).', schema: { type: 'string', maxLength: 128 } },
      'X-Content-SHA256': { description: 'SHA-256 of the bytes, hex.', schema: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' } },
      'Repr-Digest': { description: 'sha-256 of the bytes (RFC 9530).', schema: { type: 'string', maxLength: 54, pattern: '^sha-256=:[A-Za-z0-9+/]{43}=:$' } },
    },
    content: Object.fromEntries(options.contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary', maxLength: options.maxBytes } }])),
  });
}
