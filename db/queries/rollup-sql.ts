/**
 * SQL shared by the rollup upserts (rollup.ts and the EventRollup modules). No imports: the rollup modules are
 * imported by rollups.ts, which rollup.ts imports, so they take values from here rather than from rollup.ts.
 */

/**
 * usage_daily_keys' dimensions beyond usage_daily's: the loader groups each batch at usage_daily's dimensions plus
 * these, and sums both rollups from that one aggregate (rollupCtes in rollup.ts).
 */
export const FINE_KEYS = ['user_id', 'api_key'] as const;

/**
 * ON CONFLICT ... DO UPDATE SET clauses adding the incoming row (excluded) into the stored row of `table`: counts add;
 * amounts add too, but NULL + NULL stays NULL (no known amount) while an unknown side otherwise adds nothing.
 */
export function addInto(table: string, counts: readonly string[], money: readonly string[]): string {
  return [
    ...counts.map((c) => `${c} = ${table}.${c} + excluded.${c}`),
    ...money.map(
      (c) =>
        `${c} = CASE WHEN ${table}.${c} IS NULL AND excluded.${c} IS NULL THEN NULL ELSE coalesce(${table}.${c}, 0) + coalesce(excluded.${c}, 0) END`,
    ),
  ].join(', ');
}

/**
 * CTE bodies that add the aggregated rows of `agg` (every column of `columns`, in order, one of them `day`) into
 * `table`, named `${prefix}${first}`, `${prefix}${first + 1}`, `${prefix}${first + 2}` by the caller:
 *  1. the days of `agg` for which `table` holds no row yet (one probe of the table's day-led key per day);
 *  2. a plain INSERT of those days' rows: nothing can conflict, so no speculative insertion;
 *  3. an INSERT ... ON CONFLICT `onConflict` for the other days' rows.
 * On a batch of new days (most loads) this halves the rollup write cost. Unsorted: rollup row locks need no common
 * order because every rollup writer holds the events lock (lockEvents) for the rest of its transaction, so two never
 * write rollup rows at once. Both inserts see the statement's snapshot, so (1) is not fooled by (2).
 */
export function foldCtes(table: string, columns: string, agg: string, prefix: string, first: number, onConflict: string): string[] {
  const fresh = `${prefix}${first}`;
  return [
    `SELECT d.day FROM (SELECT DISTINCT day FROM ${agg}) d WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.day = d.day)`,
    `INSERT INTO ${table} (${columns}) SELECT * FROM ${agg} WHERE day IN (SELECT day FROM ${fresh}) RETURNING 1`,
    `INSERT INTO ${table} (${columns}) SELECT * FROM ${agg} WHERE day NOT IN (SELECT day FROM ${fresh})
      ${onConflict} RETURNING 1`,
  ];
}
