import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RenderedDocument } from './documents.service';

export const PDF = 'application/pdf';
export const UBL_XML = 'application/xml';

/**
 * Upper bound of a generated PDF or UBL file: at most 500 lines and 100 allowances or charges
 * (each under 2 KB in either format) and a fixed header, so well under this.
 */
export const DOCUMENT_MAX_BYTES = 8 * 1024 * 1024;

/** Documents the binary or XML body of a document download (after `@Endpoint`). */
export function DocumentResponse(mediaType: string, description: string) {
  return applyDecorators(
    ApiProduces(mediaType),
    ApiResponse({ status: 200, description, content: { [mediaType]: { schema: { type: 'string', format: mediaType === PDF ? 'binary' : undefined, maxLength: DOCUMENT_MAX_BYTES } } }, headers: { 'Content-Disposition': { description: 'inline; filename="<number>.<ext>"', schema: { type: 'string' } } } }),
  );
}

export function sendDocument(reply: FastifyReply, doc: RenderedDocument, mediaType: string, ext: string): Buffer | string {
  const filename = `${doc.number.replace(/[^A-Za-z0-9._-]/g, '_')}.${ext}`;
  reply.header('Content-Type', mediaType === UBL_XML ? `${UBL_XML}; charset=utf-8` : mediaType);
  reply.header('Content-Disposition', `inline; filename="${filename}"`);
  return doc.body;
}
