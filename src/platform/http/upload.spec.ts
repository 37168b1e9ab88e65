import { IsString, MaxLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { bufferUploadedFile, readUpload, UploadedFile } from './upload';

class Fields {
  @IsString() @MaxLength(10) note: string;
}

async function file(name: string, type: string, bytes: string): Promise<UploadedFile> {
  const part = { filename: name, mimetype: type, toBuffer: async () => Buffer.from(bytes), value: undefined as unknown };
  await bufferUploadedFile(part);
  return part.value as UploadedFile;
}

const request = (body: unknown, multipart = true) => ({ isMultipart: () => multipart, body }) as unknown as FastifyRequest;

describe('readUpload', () => {
  it('returns the file with its SHA-256 and the validated fields', async () => {
    const f = await file('a.pdf', 'application/pdf', 'abc');
    const { file: got, fields } = readUpload(request({ file: f, note: 'hi' }), { contentTypes: ['application/pdf'], fields: Fields });
    expect(got.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(got.size).toBe(3);
    expect(fields.note).toBe('hi');
    expect(JSON.stringify(got)).toBe('{"fileName":"a.pdf","contentType":"application/pdf","size":3,"sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}');
  });

  it('refuses a non-multipart request (415), a missing file (422), a wrong type (415), a file too large (413), unknown fields (422)', async () => {
    const f = await file('a.exe', 'application/x-msdownload', 'MZ');
    const status = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as { status: number; code: string }).status + ' ' + (e as { code: string }).code;
      }
      return 'ok';
    };
    expect(status(() => readUpload(request({ note: 'x' }, false), { contentTypes: ['application/pdf'] }))).toBe('415 unsupported_media_type');
    expect(status(() => readUpload(request({ note: 'x' }), { contentTypes: ['application/pdf'], fields: Fields }))).toBe('422 validation_failed');
    expect(status(() => readUpload(request({ file: f }), { contentTypes: ['application/pdf'] }))).toBe('415 unsupported_media_type');
    expect(status(() => readUpload(request({ file: f }), { contentTypes: ['application/x-msdownload'], maxBytes: 1 }))).toBe('413 payload_too_large');
    expect(status(() => readUpload(request({ file: f, other: 'x' }), { contentTypes: ['application/x-msdownload'] }))).toBe('422 validation_failed');
    expect(status(() => readUpload(request({ file: f, note: 'far too long a note' }), { contentTypes: ['application/x-msdownload'], fields: Fields }))).toBe('422 validation_failed');
  });
});
