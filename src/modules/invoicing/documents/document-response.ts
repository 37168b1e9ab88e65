import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RenderedDocument } from './documents.service';

export const PDF = 'application/pdf';
export const UBL_XML = 'application/xml';

/** What the UBL endpoints refuse, for their OpenAPI descriptions. */
export const UBL_CONFORMANCE =
  'The file meets EN 16931 and Peppol BIS Billing 3.0 (checked against the rules before it is served). Each party\'s `cbc:EndpointID` is its ' +
  '`electronicAddress` when set (e.g. schemeID 0192 for a Norwegian buyer), else its VAT number with the Peppol VAT scheme of its country (9930 for DE, ...). ' +
  'When the data cannot conform: 409 `einvoice_not_conformant`, ' +
  'with `rules` (the rule ids) and `errors` (the field to fix, the rule and why), e.g. a seller or buyer with neither an `electronicAddress` nor a VAT ' +
  'number from a country with a Peppol VAT scheme (PEPPOL-EN16931-R020 `seller.electronicAddress` / R010 `customer.electronicAddress`: Peppol takes no e-mail ' +
  'address; documents keep the customer and seller details they were issued with), a currency with more than 2 decimals (BR-DEC), category O mixed ' +
  'with other VAT categories (BR-O-11), a category that needs a VAT identifier the seller or buyer lacks (BR-S-02, BR-AE-02, BR-IC-02, ...), or a ' +
  'fractional price in a 0-decimal currency (PEPPOL-EN16931-R120).';

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
