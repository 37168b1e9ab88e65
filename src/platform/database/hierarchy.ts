import type { EntityManager } from 'typeorm';

/** A self-referencing tree stored as `parentColumn` on `table` (trusted identifiers from code). */
export interface Hierarchy {
  table: string;
  parentColumn: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * True when `candidateId` is `startId` or one of its ancestors: making `candidateId`'s row a
 * child of `startId` would close a loop. Walks up at most `maxDepth` levels.
 */
export async function isSelfOrAncestor(manager: EntityManager, h: Hierarchy, startId: string, candidateId: string, maxDepth = 10_000): Promise<boolean> {
  if (!IDENT.test(h.table) || !IDENT.test(h.parentColumn)) throw new Error(`bad hierarchy identifiers ${h.table}.${h.parentColumn}`);
  const rows: unknown[] = await manager.query(
    `WITH RECURSIVE chain(id, parent, depth) AS (
       SELECT id, ${h.parentColumn}, 1 FROM ${h.table} WHERE id = $1
       UNION ALL
       SELECT t.id, t.${h.parentColumn}, c.depth + 1 FROM ${h.table} t JOIN chain c ON t.id = c.parent WHERE c.depth < $3
     )
     SELECT 1 FROM chain WHERE id = $2 LIMIT 1`,
    [startId, candidateId, maxDepth],
  );
  return rows.length > 0;
}
