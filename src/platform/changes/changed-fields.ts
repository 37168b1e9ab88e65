/**
 * Which fields of a resource really changed between two snapshots (before/after an update).
 *
 * Equality rules, the same for every module:
 * - plain objects (jsonb values such as addresses) compare deeply, whatever the order of their keys;
 * - arrays compare element by element, in order (a reordered list is a change);
 * - `Date`s compare by instant, also against an ISO 8601 string of the same instant;
 * - `null`, `undefined` and a missing key are the same value (optional fields are stored as null),
 *   but differ from `''`, `0` and `false`;
 * - strings are text, except in the fields named in `decimals`: there every decimal string, at any
 *   depth (a money `amount`, a line's `quantity`), compares by numeric value ("10.5" = "10.50").
 *   Name a field a decimal only when its column is `numeric`: a code like "007" is text.
 */
export interface ChangeOptions<K extends string> {
  decimals?: readonly K[];
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** "0010.500" → "10.5", "-0.00" → "0": one spelling per numeric value. */
function canonicalDecimal(s: string): string {
  const negative = s.startsWith('-');
  const [int, frac = ''] = s.replace(/^[+-]/, '').split('.');
  const i = int.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  const digits = f ? `${i}.${f}` : i;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

function canonical(v: unknown, decimal: boolean): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return { $instant: v.getTime() };
  if (Array.isArray(v)) return v.map((x) => canonical(x, decimal));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      const x = canonical((v as Record<string, unknown>)[key], decimal);
      if (x !== null) out[key] = x;
    }
    return out;
  }
  if (decimal && typeof v === 'number' && Number.isFinite(v)) return { $decimal: canonicalDecimal(String(v)) };
  if (decimal && typeof v === 'string' && DECIMAL.test(v)) return { $decimal: canonicalDecimal(v) };
  return v;
}

/** An ISO 8601 date-time string compared with a Date stands for its instant. */
function asInstant(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return new Date(t);
  }
  return v;
}

/** Whether two values are the same under the rules above. */
export function sameValue(a: unknown, b: unknown, decimal = false): boolean {
  if (a instanceof Date && !(b instanceof Date)) b = asInstant(b);
  if (b instanceof Date && !(a instanceof Date)) a = asInstant(a);
  return JSON.stringify(canonical(a, decimal)) === JSON.stringify(canonical(b, decimal));
}

/** The names among `fields` whose values differ between `before` and `after`, in the order of `fields`. */
export function changedFields<K extends string>(
  fields: readonly K[],
  before: Partial<Record<K, unknown>> | null | undefined,
  after: Partial<Record<K, unknown>> | null | undefined,
  options: ChangeOptions<K> = {},
): K[] {
  const decimals = new Set<string>(options.decimals ?? []);
  return fields.filter((k) => !sameValue(before?.[k], after?.[k], decimals.has(k)));
}

/** `current` with the fields of a PATCH body applied: an absent (undefined) field keeps its value, `null` clears it. */
export function withPatch<T extends object>(current: T, patch: object, fields: readonly (keyof T & string)[] = Object.keys(current) as Array<keyof T & string>): T {
  const next = { ...current };
  for (const key of fields) {
    const value = (patch as Record<string, unknown>)[key];
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** The keys of two snapshots (their union) whose values differ, in the order they appear. */
export function changedKeys(before: object, after: object, options: ChangeOptions<string> = {}): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return changedFields(keys, before as Record<string, unknown>, after as Record<string, unknown>, options);
}
