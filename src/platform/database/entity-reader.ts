import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

interface ColumnPlan {
  property: string;
  key: string;
  from?: (value: unknown) => unknown;
}

const MAX_ALIAS = 63; // PostgreSQL identifiers; TypeORM shortens longer aliases in ways we do not mirror
const plans = new WeakMap<EntityMetadata, Map<string, ColumnPlan[] | null>>();

function planFor(meta: EntityMetadata, alias: string): ColumnPlan[] | null {
  let byAlias = plans.get(meta);
  if (!byAlias) plans.set(meta, (byAlias = new Map()));
  if (byAlias.has(alias)) return byAlias.get(alias)!;
  const plan: ColumnPlan[] | null = meta.columns.every((c) => `${alias}_${c.databaseName}`.length <= MAX_ALIAS && !c.embeddedMetadata && !c.relationMetadata)
    ? meta.columns.map((c) => {
        const t = c.transformer;
        const from = t && !Array.isArray(t) ? (v: unknown) => t.from(v) : undefined;
        return { property: c.propertyName, key: `${alias}_${c.databaseName}`, from };
      })
    : null;
  byAlias.set(alias, plan);
  return plan;
}

/**
 * Builds an entity from a raw row selected under `alias` (pg has already parsed the types).
 * TypeORM's general-purpose transformer cost about a fifth of a fast GET; plain columns need
 * none of its relation handling. Returns null when the entity is not plain enough.
 */
export function hydrate<E extends ObjectLiteral>(meta: EntityMetadata, alias: string, raw: Record<string, unknown>): E | null {
  const plan = planFor(meta, alias);
  if (!plan) return null;
  const entity = Object.create((meta.target as { prototype: object }).prototype) as Record<string, unknown>;
  for (const c of plan) entity[c.property] = c.from ? c.from(raw[c.key]) : raw[c.key];
  return entity as E;
}

/** `qb.getMany()` for plain entities (no joins), without TypeORM's row transformer. */
export async function getManyPlain<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<E[]> {
  const main = qb.expressionMap.mainAlias;
  if (!main?.hasMetadata || qb.expressionMap.joinAttributes.length || !planFor(main.metadata, main.name)) return qb.getMany();
  const rows: Record<string, unknown>[] = await qb.getRawMany();
  return rows.map((r) => hydrate<E>(main.metadata, main.name, r)!);
}
