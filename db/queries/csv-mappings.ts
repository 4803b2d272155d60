/** Saved column mappings (table csv_mappings): the YAML text as validated, one row per mapping name. */
import { asc, eq, sql } from 'drizzle-orm';
import { type ColumnMapping, type MappingError, parseColumnMapping } from '../../lib/ingest/mapping';
import type { Connection } from '../client';
import { csvMappings } from '../schema';

export interface SavedMapping {
  name: string;
  updatedAt: Date;
  /** The YAML as saved (shown on the Imports page so that it can be copied, edited and uploaded again). */
  yaml: string;
}

export async function listCsvMappings(conn: Connection): Promise<SavedMapping[]> {
  return conn.db
    .select({ name: csvMappings.name, updatedAt: csvMappings.updatedAt, yaml: csvMappings.yaml })
    .from(csvMappings)
    .orderBy(asc(csvMappings.name));
}

/** Deletes a saved mapping; false when there was none by that name. Data loaded through it stays. */
export async function deleteCsvMapping(conn: Connection, name: string): Promise<boolean> {
  const rows = await conn.db.delete(csvMappings).where(eq(csvMappings.name, name)).returning({ name: csvMappings.name });
  return rows.length > 0;
}

/** The saved mapping, re-validated (a mapping saved by an older version may no longer pass); null when unknown. */
export async function getCsvMapping(
  conn: Connection,
  name: string,
): Promise<{ ok: true; mapping: ColumnMapping } | { ok: false; errors: MappingError[] } | null> {
  const [row] = await conn.db.select({ yaml: csvMappings.yaml }).from(csvMappings).where(eq(csvMappings.name, name));
  return row ? parseColumnMapping(row.yaml) : null;
}

/** Validates and saves under the mapping's own name (replacing one saved before under that name). */
export async function saveCsvMapping(
  conn: Connection,
  yaml: string,
): Promise<{ ok: true; name: string } | { ok: false; errors: MappingError[] }> {
  const parsed = parseColumnMapping(yaml);
  if (!parsed.ok) return parsed;
  const name = parsed.mapping.name;
  await conn.db
    .insert(csvMappings)
    .values({ name, yaml })
    .onConflictDoUpdate({ target: csvMappings.name, set: { yaml, updatedAt: sql`now()` } });
  return { ok: true, name };
}
