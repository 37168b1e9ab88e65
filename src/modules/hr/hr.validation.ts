import { PlatformErrorCode, PlatformException } from '../../platform/http/problem';

/** PATCH may clear optional fields with null, but never a required one. */
export function rejectNulls(input: object, required: string[]): void {
  const bad = required.filter((f) => (input as Record<string, unknown>)[f] === null);
  if (bad.length) {
    throw new PlatformException(
      PlatformErrorCode.ValidationFailed,
      `${bad.length} field${bad.length === 1 ? '' : 's'} failed validation: ${bad.join(', ')}.`,
      {},
      bad.map((field) => ({ field, message: `${field} is required and cannot be null` })),
    );
  }
}
