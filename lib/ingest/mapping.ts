/**
 * Column mappings for CSV usage exports whose columns no built-in source knows (`itemized ingest --mapping map.yaml`,
 * or a mapping chosen on the Imports page). A mapping names which CSV column holds each field of the usage-event
 * contract; it is YAML validated with zod, and every error names the mapping key (and its line in the mapping file).
 *
 * ```yaml
 * name: acme-gateway              # identifies the export: part of every dedupe key, so keep it stable
 * vendor: openai                  # who bills (fixed), or vendor_column: provider
 * timestamp: { column: created_at, format: iso, timezone: UTC }
 * model: model_name
 * tokens: { input: prompt_tokens, output: completion_tokens, cached_input: cached, reasoning: thinking }
 * cost: { column: cost, currency: USD, kind: reported }
 * request_id: id                  # dedupe key; without it, a hash of the row
 * tags: { team: team, workflow: pipeline, user: user_email }
 * ```
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

const column = z.string().trim().min(1, 'expected a CSV column name');
/** Tag keys that are fields of their own on a usage event; any other tag key lands in tags. */
export const TAG_FIELDS = ['team', 'workflow', 'user', 'project', 'environment', 'trace_id', 'api_key'] as const;

export const columnMappingSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/i, 'expected a short name: letters, digits, "_", "-" or "." (it is part of every dedupe key)'),
    vendor: z.string().trim().min(1).optional(),
    vendor_column: column.optional(),
    timestamp: z
      .object({
        column,
        /** iso (zone-less read in `timezone`), unix (seconds), unix_ms, or a pattern of YYYY MM DD HH mm ss SSS. */
        format: z.string().trim().min(1).default('iso'),
        /** UTC or a fixed offset such as +02:00, for timestamps that carry no zone. */
        timezone: z
          .string()
          .regex(/^(UTC|Z|[+-]\d{2}:\d{2})$/, 'expected UTC or an offset such as +02:00')
          .default('UTC'),
      })
      .strict(),
    model: column.optional(),
    tokens: z
      .object({
        input: column.optional(),
        output: column.optional(),
        cached_input: column.optional(),
        cache_write: column.optional(),
        reasoning: column.optional(),
        /** Our convention: input counts cache reads and writes. Set false when the export's input excludes them. */
        input_includes_cached: z.boolean().default(true),
        /** Our convention: output counts reasoning. Set false when the export's output excludes it. */
        output_includes_reasoning: z.boolean().default(true),
      })
      .strict()
      .optional(),
    cost: z
      .object({
        column,
        /** Fixed ISO currency of the amounts, or currency_column per row. Only USD can be stored (no exchange rates). */
        currency: z.string().trim().toUpperCase().default('USD'),
        currency_column: column.optional(),
        /** billed = the vendor's charge (the export is the bill); reported = some tool's estimate (the default). */
        kind: z.enum(['billed', 'reported']).default('reported'),
        /** Amounts are in units of 1/divide_by USD (100 for cents). */
        divide_by: z.number().positive().default(1),
      })
      .strict()
      .optional(),
    request_id: column.optional(),
    /** Rows that aggregate several requests; default 1 request per row. */
    request_count: column.optional(),
    /** Width of an aggregated row in seconds (86400 for daily rows); default 0, one request. */
    period_seconds: z.number().int().nonnegative().default(0),
    tags: z.record(z.string().regex(/^[a-z0-9_.-]+$/i, 'expected a tag name'), column).optional(),
  })
  .strict()
  .refine((m) => Boolean(m.vendor) !== Boolean(m.vendor_column), {
    message: 'set exactly one of vendor (who bills, e.g. openai) or vendor_column (the column naming it)',
    path: ['vendor'],
  })
  .refine((m) => m.model || m.tokens?.input || m.tokens?.output || m.cost, {
    message: 'map at least one of model, tokens or cost: a row needs something to count',
    path: ['tokens'],
  });

export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export interface MappingError {
  /** 1-based line in the mapping file (1 for the document as a whole). */
  line: number;
  /** The mapping key, e.g. "tokens.input". */
  key: string;
  message: string;
}

export type MappingParseResult = { ok: true; mapping: ColumnMapping } | { ok: false; errors: MappingError[] };

/** "map.yaml:4: tokens.input: expected a CSV column name" */
export function formatMappingError(file: string, e: MappingError): string {
  return `${file}:${e.line}: ${e.key ? `${e.key}: ` : ''}${e.message}`;
}

/** Parses and validates a mapping file's text; never throws on bad input. */
export function parseColumnMapping(text: string): MappingParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length)
    return {
      ok: false,
      errors: doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, key: '', message: e.message.split('\n')[0] })),
    };
  const parsed = columnMappingSchema.safeParse(doc.toJS() ?? undefined);
  if (parsed.success) {
    const pattern = parsed.data.timestamp.format;
    if (!['iso', 'unix', 'unix_ms'].includes(pattern) && !timestampPattern(pattern))
      return {
        ok: false,
        errors: [
          {
            line: lineOf(['timestamp', 'format']),
            key: 'timestamp.format',
            message: `expected iso, unix, unix_ms or a pattern with YYYY, MM and DD (and HH, mm, ss, SSS), got ${JSON.stringify(pattern)}`,
          },
        ],
      };
    return { ok: true, mapping: parsed.data };
  }
  function lineOf(path: (string | number)[]): number {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return 1;
  }
  // Whole-mapping rules (refine) are only meaningful once every key is valid on its own.
  const keyIssues = parsed.error.issues.filter((i) => i.code !== 'custom');
  const errors = (keyIssues.length ? keyIssues : parsed.error.issues).flatMap((issue): MappingError[] => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const key = path.join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({ line: lineOf([...path, k]), key: [...path, k].join('.'), message: 'unknown mapping key' }));
    return [{ line: lineOf(path), key, message: issue.message }];
  });
  return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
}

/** Every CSV column a mapping reads, with the mapping key that names it. */
export function mappedColumns(m: ColumnMapping): { key: string; column: string }[] {
  const out: { key: string; column: string }[] = [{ key: 'timestamp.column', column: m.timestamp.column }];
  const add = (key: string, c: string | undefined) => c && out.push({ key, column: c });
  add('vendor_column', m.vendor_column);
  add('model', m.model);
  for (const k of ['input', 'output', 'cached_input', 'cache_write', 'reasoning'] as const) add(`tokens.${k}`, m.tokens?.[k]);
  add('cost.column', m.cost?.column);
  add('cost.currency_column', m.cost?.currency_column);
  add('request_id', m.request_id);
  add('request_count', m.request_count);
  for (const [k, c] of Object.entries(m.tags ?? {})) add(`tags.${k}`, c);
  return out;
}

/** A regex for a YYYY/MM/DD/HH/mm/ss/SSS pattern (other characters literal); null when it lacks a date. */
export function timestampPattern(format: string): { re: RegExp; fields: string[] } | null {
  const fields: string[] = [];
  const src = format.replace(/YYYY|MM|DD|HH|mm|ss|SSS|[.*+?^${}()|[\]\\]/g, (t) => {
    if (t.length === 1) return `\\${t}`;
    fields.push(t);
    return t === 'YYYY' ? '(\\d{4})' : t === 'SSS' ? '(\\d{1,6})' : '(\\d{1,2})';
  });
  if (!['YYYY', 'MM', 'DD'].every((f) => fields.includes(f))) return null;
  return { re: new RegExp(`^${src}$`), fields };
}

/** Parses one timestamp cell by the mapping's format; null when it does not fit. */
export function parseMappedTime(text: string, format: string, timezone: string): Date | null {
  const s = text.trim();
  if (format === 'unix' || format === 'unix_ms') {
    if (!/^\d+(\.\d+)?$/.test(s)) return null;
    return new Date(Number(s) * (format === 'unix' ? 1000 : 1));
  }
  const offset = timezone === 'UTC' || timezone === 'Z' ? 'Z' : timezone;
  if (format === 'iso') {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
    if (!m) return null;
    return checked(new Date(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] ?? offset}`), m[1]);
  }
  const p = timestampPattern(format);
  const m = p?.re.exec(s);
  if (!p || !m) return null;
  const v: Record<string, string> = {};
  p.fields.forEach((f, i) => {
    v[f] = m[i + 1];
  });
  const two = (x: string | undefined) => (x ?? '0').padStart(2, '0');
  const day = `${v.YYYY}-${two(v.MM)}-${two(v.DD)}`;
  const ms = v.SSS ? `.${v.SSS.padEnd(3, '0').slice(0, 3)}` : '';
  return checked(new Date(`${day}T${two(v.HH)}:${two(v.mm)}:${two(v.ss)}${ms}${offset}`), day);
}

/** Rejects dates that JS would roll over (2026-02-30 → March 2) and out-of-range hours. */
function checked(d: Date, day: string): Date | null {
  if (Number.isNaN(d.getTime())) return null;
  const [y, mo, da] = day.split('-').map(Number);
  const probe = new Date(Date.UTC(y, mo - 1, da));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === da ? d : null;
}
