import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PlatformErrorCode, PlatformException } from './problem';

/**
 * The version the client last saw, from `If-Match: "<version>"`. Undefined when the header is
 * absent or `*`. A value that cannot match any version is kept as NaN so the check fails (412).
 */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const header = ctx.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(String(header));
  return m ? Number(m[1]) : Number.NaN;
});

export function etagFor(version: number): string {
  return `"${version}"`;
}

/** 412 when the client's version is not the current one. */
export function assertVersion(entity: string, expected: number | undefined, current: number): void {
  if (expected === undefined || expected === current) return;
  throw new PlatformException(
    PlatformErrorCode.VersionMismatch,
    `The ${entity} has changed since you read it (your version ${Number.isNaN(expected) ? 'is unreadable' : expected}, current ${current}). Fetch it again and retry.`,
    { currentVersion: current },
  );
}
