import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

type Hydrator = (raw: Record<string, unknown>) => ObjectLiteral;

const MAX_ALIAS = 63; // PostgreSQL identifiers; TypeORM shortens longer aliases in ways we do not mirror
const hydrators = new WeakMap<EntityMetadata, Map<string, Hydrator | null>>();

/**
 * A row-to-entity function for plain entities (no relations or embeddeds), generated once per
 * entity and alias so every row is built by the same straight-line code.
 */
function hydratorFor(meta: EntityMetadata, alias: string): Hydrator | null {
  let byAlias = hydrators.get(meta);
  if (!byAlias) hydrators.set(meta, (byAlias = new Map()));
  if (byAlias.has(alias)) return byAlias.get(alias)!;
  const plain = meta.columns.every((c) => `${alias}_${c.databaseName}`.length <= MAX_ALIAS && !c.embeddedMetadata && !c.relationMetadata);
  let hydrator: Hydrator | null = null;
  if (plain) {
    const transformers = meta.columns.map((c) => (c.transformer && !Array.isArray(c.transformer) ? c.transformer : null));
    const body = meta.columns
      .map((c, i) => {
        const value = `raw[${JSON.stringify(`${alias}_${c.databaseName}`)}]`;
        return `e[${JSON.stringify(c.propertyName)}] = ${transformers[i] ? `t[${i}].from(${value})` : value};`;
      })
      .join('\n');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const build = new Function('proto', 't', `return function hydrate(raw) { const e = Object.create(proto);\n${body}\nreturn e; };`);
    hydrator = build((meta.target as { prototype: object }).prototype, transformers) as Hydrator;
  }
  byAlias.set(alias, hydrator);
  return hydrator;
}

/**
 * Builds an entity from a raw row selected under `alias` (pg has already parsed the types).
 * TypeORM's general-purpose transformer cost about a fifth of a fast GET; plain columns need
 * none of its relation handling. Returns null when the entity is not plain enough.
 */
export function hydrate<E extends ObjectLiteral>(meta: EntityMetadata, alias: string, raw: Record<string, unknown>): E | null {
  const h = hydratorFor(meta, alias);
  return h ? (h(raw) as E) : null;
}

/** `qb.getMany()` for plain entities (no joins), without TypeORM's row transformer. */
export async function getManyPlain<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<E[]> {
  const main = qb.expressionMap.mainAlias;
  const h = main?.hasMetadata && !qb.expressionMap.joinAttributes.length ? hydratorFor(main.metadata, main.name) : null;
  if (!h) return qb.getMany();
  const rows: Record<string, unknown>[] = await qb.getRawMany();
  return rows.map((r) => h(r) as E);
}
