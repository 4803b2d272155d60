/**
 * The column mapping an upload asks for: a mapping file sent along (`mapping`, validated and saved under its name for
 * later uploads) or a saved one (`mappingName`). An invalid or unknown mapping becomes issues naming the mapping file,
 * line and key; the CSV is then not read at all.
 */
import type { Connection } from '@/db/client';
import { getCsvMapping, saveCsvMapping } from '@/db/queries/csv-mappings';
import type { ColumnMapping, MappingError } from '@/lib/ingest/mapping';
import type { IngestIssue } from '@/lib/ingest/types';

export type MappingChoice = { ok: true; mapping?: ColumnMapping } | { ok: false; issues: IngestIssue[] } | { ok: false; error: string };

const toIssues = (file: string, errors: MappingError[]): IngestIssue[] =>
  errors.map((e) => ({ file, line: e.line, field: e.key || undefined, message: `column mapping: ${e.message}` }));

/** Largest mapping file accepted (a mapping is a few hundred bytes). */
const MAX_MAPPING_BYTES = 64 * 1024;

export async function chooseMapping(conn: Connection, form: FormData): Promise<MappingChoice> {
  const file = form.get('mapping');
  const name = form.get('mappingName');
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_MAPPING_BYTES) return { ok: false, error: `The mapping file is larger than ${MAX_MAPPING_BYTES / 1024} KiB.` };
    const saved = await saveCsvMapping(conn, await file.text());
    if (!saved.ok) return { ok: false, issues: toIssues(file.name || 'mapping', saved.errors) };
    const again = await getCsvMapping(conn, saved.name);
    return again?.ok ? { ok: true, mapping: again.mapping } : { ok: false, error: 'The mapping could not be read back.' };
  }
  if (typeof name === 'string' && name) {
    const saved = await getCsvMapping(conn, name);
    if (!saved) return { ok: false, error: `No saved column mapping is named "${name}".` };
    if (!saved.ok) return { ok: false, issues: toIssues(`saved mapping ${name}`, saved.errors) };
    return { ok: true, mapping: saved.mapping };
  }
  return { ok: true };
}
