/**
 * CSV columns of an import kind are the API field names of the DTO the JSON endpoint takes;
 * nested objects use dotted names (`billingAddress.city`), arrays `|`-separated cells.
 * Pure functions: no Nest, no database.
 */
const API_PROPERTY = 'swagger/apiModelProperties';
const API_PROPERTIES = 'swagger/apiModelPropertiesArray';
const SCALARS = new Set<unknown>([String, Number, Boolean, Date, Object, Array]);

interface PropertyMeta {
  type?: unknown;
  isArray?: boolean;
  required?: boolean;
}

type Dto = abstract new (...args: never[]) => unknown;

function meta(dto: unknown, key: string): PropertyMeta | undefined {
  const proto = (dto as { prototype?: object } | undefined)?.prototype;
  return proto ? (Reflect.getMetadata(API_PROPERTY, proto, key) as PropertyMeta | undefined) : undefined;
}

/** The class a documented property holds: `type: X`, `type: [X]` or a lazy `type: () => X`. */
function typeOf(m: PropertyMeta | undefined): unknown {
  const type = m?.type;
  const t = typeof type === 'function' && !(type as { prototype?: unknown }).prototype ? (type as () => unknown)() : type;
  return Array.isArray(t) ? t[0] : t;
}

const isArray = (m: PropertyMeta | undefined) => Boolean(m?.isArray || Array.isArray(m?.type));
const isNested = (t: unknown) => typeof t === 'function' && !SCALARS.has(t);

export interface ColumnDoc {
  name: string;
  required: boolean;
}

/** Every column a DTO accepts, in declaration order; nested DTOs give dotted columns. */
export function columnsOf(dto: Dto, prefix = '', parentRequired = true): ColumnDoc[] {
  const keys = ((Reflect.getMetadata(API_PROPERTIES, dto.prototype) as string[] | undefined) ?? []).map((k) => k.replace(/^:/, ''));
  const out: ColumnDoc[] = [];
  for (const key of [...new Set(keys)]) {
    const m = meta(dto, key);
    const t = typeOf(m);
    const required = parentRequired && m?.required !== false;
    if (isNested(t) && !isArray(m)) out.push(...columnsOf(t as Dto, `${prefix}${key}.`, required));
    else out.push({ name: `${prefix}${key}`, required });
  }
  return out;
}

/** Header names that the kind does not know (extra columns are the kind's own, e.g. `parentCode`). */
export function unknownColumns(header: string[], known: ReadonlySet<string>): string[] {
  return header.filter((h) => !known.has(h));
}

/** Header names given more than once. */
export function duplicateColumns(header: string[]): string[] {
  return header.filter((h, i) => header.indexOf(h) !== i);
}

/**
 * One CSV record as the JSON body the endpoint would receive: empty cells are left out, integer
 * and boolean fields are converted when the text is one, anything else stays text for the
 * validators to judge. `extra` columns are returned apart (references by code); `aliases` map a
 * flat column name to the dotted field it fills.
 */
export function recordToBody(record: Record<string, string>, dto: Dto, extra: ReadonlySet<string>, aliases: Readonly<Record<string, string>> = {}): { body: Record<string, unknown>; refs: Record<string, string> } {
  const body: Record<string, unknown> = {};
  const refs: Record<string, string> = {};
  for (const [column, raw] of Object.entries(record)) {
    if (raw === undefined || raw === '') continue;
    if (extra.has(column)) {
      refs[column] = raw;
      continue;
    }
    const path = (aliases[column] ?? column).split('.');
    let target = body;
    let owner: unknown = dto;
    for (const segment of path.slice(0, -1)) {
      const next = target[segment];
      target = (next && typeof next === 'object' ? next : (target[segment] = {})) as Record<string, unknown>;
      owner = typeOf(meta(owner, segment));
    }
    const leaf = path[path.length - 1];
    target[leaf] = convert(raw, meta(owner, leaf));
  }
  return { body, refs };
}

function convert(raw: string, m: PropertyMeta | undefined): unknown {
  if (isArray(m)) return raw.split('|').map((v) => v.trim()).filter(Boolean);
  const t = typeOf(m);
  if (t === Number && /^-?\d{1,15}(\.\d+)?$/.test(raw.trim())) return Number(raw.trim());
  if (t === Boolean) {
    const v = raw.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return raw;
}
