/**
 * SQL shared by the rollup upserts (rollup.ts and the EventRollup modules). No imports: the rollup modules are
 * imported by rollups.ts, which rollup.ts imports, so they take values from here rather than from rollup.ts.
 */

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
