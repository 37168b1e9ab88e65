import { inflateSync } from 'node:zlib';

/**
 * Reads what a test checks in a PDF: the header, the page count and the text shown. Enough for
 * the PDFs pdfkit writes with its built-in fonts (Flate-compressed content streams, text as hex
 * strings in TJ arrays); not a general PDF parser.
 */
export function readPdf(buf: Buffer): { header: string; pages: number; text: string } {
  const raw = buf.toString('latin1');
  const pages = (raw.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const runs: string[] = [];
  const streams = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streams.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = inflateSync(buf.subarray(start, end)).toString('latin1');
    } catch {
      content = raw.slice(start, end);
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      runs.push([...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''));
    }
    streams.lastIndex = end + 'endstream'.length;
  }
  return { header: raw.slice(0, 5), pages, text: runs.join('\n') };
}
