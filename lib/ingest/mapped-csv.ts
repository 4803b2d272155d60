/**
 * Any CSV usage export read through a column mapping (mapping.ts). Never detected: chosen with `--mapping` or on the
 * Imports page. The header is checked once against every mapped column; each row becomes one usage event (or one
 * aggregated bucket when request_count / period_seconds say so). Problems name the CSV line, the column and the
 * mapping key that points at it. Dedupe key: "<mapping name>:id:<request id>", else a hash of the whole row plus its
 * occurrence in the file (two identical rows are two charges; loading the same export again adds nothing).
 */
import { createHash } from 'node:crypto';
import { IssueSink, money, str, tokens } from './fields';
import { type ColumnMapping, mappedColumns, parseMappedTime, TAG_FIELDS } from './mapping';
import { modelCreator, normaliseModel } from './models';
import { IngestFileError, type IngestSource, makeEvent, type ParsedItem, type UsageEvent } from './types';

type Row = Record<string, string>;

export function mappedCsvSource(m: ColumnMapping): IngestSource {
  return {
    id: 'mapped_csv',
    label: `CSV through the column mapping "${m.name}"`,
    framings: ['csv'],
    detect: () => false,
    async *parse(records, ctx) {
      let checked = false;
      const seen = new Map<string, number>();
      for await (const rec of records) {
        const row = rec.value as Row;
        if (!checked) {
          checked = true;
          const header = Object.keys(row);
          const missing = mappedColumns(m).filter((c) => !header.includes(c.column));
          if (missing.length)
            throw new IngestFileError('mapping_columns', {
              file: ctx.file,
              line: 1,
              field: missing[0].column,
              message: `${missing.map((c) => `mapping key ${c.key} names column "${c.column}"`).join('; ')}, not in the CSV header (its columns: ${header.join(', ')})`,
            });
        }
        yield* mapRow(m, row, rec.line ?? 0, ctx.file, seen);
      }
    },
  };
}

function mapRow(m: ColumnMapping, row: Row, line: number, file: string, seen: Map<string, number>): ParsedItem[] {
  const sink = new IssueSink({ file, line });
  /** "prompt_tokens (tokens.input)": the CSV column first, then the mapping key that names it. */
  const where = (key: string, col: string) => `${col} (mapping ${key})`;
  const count = (key: string, col: string | undefined) => (col ? tokens(row[col], where(key, col), sink) : null);

  const tsText = row[m.timestamp.column] ?? '';
  const occurredAt = tsText.trim() ? parseMappedTime(tsText, m.timestamp.format, m.timestamp.timezone) : null;
  if (!occurredAt)
    sink.add(
      where('timestamp.column', m.timestamp.column),
      `expected a timestamp in format ${m.timestamp.format}${m.timestamp.format === 'iso' ? ' (ISO 8601)' : ''}, got ${JSON.stringify(tsText)}`,
    );
  const vendor = m.vendor ?? str(row[m.vendor_column!])?.trim().toLowerCase() ?? null;
  if (!vendor) sink.add(where('vendor_column', m.vendor_column!), 'expected the vendor who bills this usage, got an empty cell');

  const t = m.tokens;
  let input = count('tokens.input', t?.input);
  let output = count('tokens.output', t?.output);
  const cached = count('tokens.cached_input', t?.cached_input);
  const cacheWrite = count('tokens.cache_write', t?.cache_write);
  const reasoning = count('tokens.reasoning', t?.reasoning);
  if (t && !t.input_includes_cached && input !== null) input += (cached ?? 0) + (cacheWrite ?? 0);
  if (t && !t.output_includes_reasoning && output !== null) output += reasoning ?? 0;
  if (t?.input && input !== null && (cached ?? 0) + (cacheWrite ?? 0) > input)
    sink.add(
      where('tokens.cached_input', t.cached_input ?? t.cache_write!),
      `cached (${cached ?? 0}) plus cache-write (${cacheWrite ?? 0}) tokens exceed input tokens (${input}); if the export's input excludes them, set tokens.input_includes_cached: false`,
    );
  if (t?.output && output !== null && reasoning !== null && reasoning > output)
    sink.add(
      where('tokens.reasoning', t.reasoning!),
      `reasoning tokens (${reasoning}) exceed output tokens (${output}); if the export's output excludes them, set tokens.output_includes_reasoning: false`,
    );

  let cost: string | null = null;
  if (m.cost) {
    cost = money(row[m.cost.column], where('cost.column', m.cost.column), sink, m.cost.divide_by);
    const currency = (m.cost.currency_column ? str(row[m.cost.currency_column]) : m.cost.currency)?.trim().toUpperCase() ?? null;
    if (cost !== null && currency !== 'USD')
      sink.add(
        m.cost.currency_column ? where('cost.currency_column', m.cost.currency_column) : 'cost.currency (mapping)',
        `expected USD, got ${JSON.stringify(currency ?? '')}: amounts are stored in USD and there are no exchange rates; convert the export or leave cost unmapped`,
      );
  }
  const requestCount = m.request_count ? count('request_count', m.request_count) : 1;
  if (!sink.ok || !occurredAt || !vendor) return sink.issues.map((issue) => ({ kind: 'issue', issue }));
  const modelRaw = m.model ? str(row[m.model]) : null;
  const model = normaliseModel(modelRaw);
  const tags: Record<string, unknown> = { mapping: m.name };
  const fields: Partial<Record<(typeof TAG_FIELDS)[number], string | null>> = {};
  for (const [k, col] of Object.entries(m.tags ?? {})) {
    const v = str(row[col]);
    if ((TAG_FIELDS as readonly string[]).includes(k)) fields[k as (typeof TAG_FIELDS)[number]] = v;
    else if (v !== null) tags[k] = v;
  }
  const requestId = m.request_id ? str(row[m.request_id]) : null;
  let identity = `id:${requestId}`;
  if (!requestId) {
    const h = rowHash(row);
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    identity = n === 1 ? `row:${h}` : `row:${h}:${n}`;
  }
  const event: UsageEvent = makeEvent({
    dedupeKey: `${m.name}:${identity}`,
    occurredAt,
    periodSeconds: m.period_seconds,
    requestCount,
    vendor,
    model,
    modelRaw,
    modelCreator: modelCreator(model),
    inputTokens: input,
    cachedInputTokens: cached,
    cacheWriteTokens: cacheWrite,
    outputTokens: output,
    reasoningTokens: reasoning,
    billedCostUsd: m.cost?.kind === 'billed' ? cost : null,
    reportedCostUsd: m.cost?.kind === 'reported' ? cost : null,
    reportedBy: m.cost?.kind === 'reported' && cost !== null ? `mapping:${m.name}` : null,
    requestId,
    project: fields.project ?? null,
    apiKey: fields.api_key ?? null,
    user: fields.user ?? null,
    team: fields.team ?? null,
    workflow: fields.workflow ?? null,
    environment: fields.environment ?? null,
    traceId: fields.trace_id ?? null,
    tags,
  });
  return [{ kind: 'event', event, line }];
}

/** The whole row (columns sorted by name, so a reordered export hashes the same), SHA-256, 128 bits kept. */
function rowHash(row: Row): string {
  const keys = Object.keys(row).sort();
  return createHash('sha256')
    .update(JSON.stringify(keys.map((k) => [k, row[k]])))
    .digest('hex')
    .slice(0, 32);
}
