/**
 * Model families at query time (lib/ingest/model-family.ts): the distinct stored model ids are mapped in JS and joined
 * back as one jsonb parameter, so SQL groups by family exactly (family is a function of the rollup's model column).
 */
import { modelFamily } from '../../lib/ingest/model-family';
import type { Connection } from '../client';

export interface FamilyMapRow {
  model: string;
  family: string;
  name: string;
}

/** The family of every model id in the given tables (usage_daily and cost_lines by default). */
export async function loadFamilyMap(conn: Connection): Promise<FamilyMapRow[]> {
  const rows = await conn.query<{ model: string }>(
    'SELECT model FROM usage_daily WHERE model IS NOT NULL UNION SELECT model FROM cost_lines WHERE model IS NOT NULL',
  );
  return rows.map((r) => {
    const f = modelFamily(r.model)!;
    return { model: r.model, family: f.family, name: f.name };
  });
}

/** `LEFT JOIN` fragment adding mf.family / mf.name for `alias.model`; `param` is the placeholder of the JSON map. */
export function familyJoin(alias: string, param: string): string {
  return `LEFT JOIN jsonb_to_recordset(${param}::jsonb) AS mf(model text, family text, name text) ON mf.model = ${alias}.model`;
}

export interface FamilyEntry {
  model_family: string;
  name: string;
  /** The stored model ids grouped here, and the vendors that billed them. */
  models: string[];
  vendors: string[];
  requests: number;
  input_tokens: number;
  output_tokens: number;
  list_cost_usd: string | null;
  billed_cost_usd: string | null;
  unpriced_events: number;
}

/** Usage per model family over usage_daily (the summary's by_model_family). */
export async function getFamilySummary(conn: Connection, range: { from?: string; to?: string }): Promise<FamilyEntry[]> {
  const map = await loadFamilyMap(conn);
  const params: unknown[] = [JSON.stringify(map)];
  const where: string[] = ['d.model IS NOT NULL'];
  if (range.from) where.push(`d.day >= $${params.push(range.from)}::date`);
  if (range.to) where.push(`d.day <= $${params.push(range.to)}::date`);
  const rows = await conn.query(
    `SELECT mf.family, min(mf.name) AS name, array_agg(DISTINCT d.model ORDER BY d.model) AS models,
       array_agg(DISTINCT d.vendor ORDER BY d.vendor) AS vendors,
       coalesce(sum(d.requests), 0)::bigint AS requests, coalesce(sum(d.input_tokens), 0)::bigint AS input_tokens,
       coalesce(sum(d.output_tokens), 0)::bigint AS output_tokens, sum(d.list_cost_usd)::text AS list_cost_usd,
       sum(d.billed_cost_usd)::text AS billed_cost_usd, coalesce(sum(d.unpriced_events), 0)::bigint AS unpriced_events
     FROM usage_daily d ${familyJoin('d', '$1')} WHERE ${where.join(' AND ')}
     GROUP BY mf.family ORDER BY sum(d.list_cost_usd) DESC NULLS LAST, mf.family`,
    params,
  );
  return rows.map((r) => ({
    model_family: String(r.family),
    name: String(r.name),
    models: asArray(r.models),
    vendors: asArray(r.vendors),
    requests: Number(r.requests),
    input_tokens: Number(r.input_tokens),
    output_tokens: Number(r.output_tokens),
    list_cost_usd: normaliseDecimal((r.list_cost_usd as string | null) ?? null),
    billed_cost_usd: normaliseDecimal((r.billed_cost_usd as string | null) ?? null),
    unpriced_events: Number(r.unpriced_events),
  }));
}

/** Trailing zeros trimmed ("1.2000000000" -> "1.2"), no float conversion. */
function normaliseDecimal(s: string | null): string | null {
  if (s === null || !s.includes('.')) return s;
  const t = s.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
}

/** postgres.js returns text[] as an array; PGlite too, but be lenient with the literal form. */
function asArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string')
    return v
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean)
      .map((s) => s.replace(/^"|"$/g, ''));
  return [];
}

/** A SQL string literal (standard_conforming_strings: only the quote needs doubling). */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The family of a row's `model` column as a SQL expression usable in SELECT, GROUP BY and WHERE of usage_daily or
 * usage_events: a CASE over the stored ids whose family differs from the id (literals, never user input: the ids come
 * from the database), else the id itself. NULL stays NULL.
 */
export async function familySqlExpr(conn: Connection): Promise<string> {
  const renamed = (await loadFamilyMap(conn)).filter((r) => r.family !== r.model);
  if (!renamed.length) return 'model';
  return `(CASE model ${renamed.map((r) => `WHEN ${literal(r.model)} THEN ${literal(r.family)}`).join(' ')} ELSE model END)`;
}
