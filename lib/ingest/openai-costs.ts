/**
 * OpenAI organisation Costs API (FORMATS.md 1b): one CostLine per result row. Accepts API pages (one,
 * several, a JSON array or JSONL of them), lone buckets, lone result objects, and the dashboard export
 * `cost_<from>_<to>.csv`. Amounts are USD; `amount.value` is a JSON float that is read digit for digit
 * (0.06 -> "0.06"), never through arithmetic.
 */
import { at, IssueSink, isObj, money, type Obj, str } from './fields';
import { modelCreator, normaliseModel } from './models';
import {
  baseName,
  brief,
  COSTS_RESULT,
  compactTags,
  contentHash,
  csvKind,
  isCsvRow,
  isEmptyOpenAiPage,
  issuesOf,
  parseOpenAiExport,
  type ResultRow,
  resultObjectOf,
  walkRecord,
  whereOf,
  windowOf,
} from './openai-shared';
import type { CostLine, FramedRecord, IngestSource, ParseContext, ParsedItem } from './types';

const REQUIRED_CSV_COLUMNS = ['start_time', 'amount_value', 'amount_currency'] as const;

/** CSV export columns kept as tags. organization_name and user_email are dropped: PII with no analytic use. */
const CSV_TAG_COLUMNS = ['project_name', 'organization_id', 'user_id', 'api_source'] as const;

export const openaiCostsSource: IngestSource = {
  id: 'openai_costs',
  label: 'OpenAI Costs API pages or dashboard cost CSV',
  framings: ['json', 'jsonl', 'csv'],
  detect(first, fileName) {
    if (isCsvRow(first)) return csvKind(first, fileName) === 'costs';
    if (resultObjectOf(first) === COSTS_RESULT) return true;
    return isEmptyOpenAiPage(first) && /cost/i.test(baseName(fileName));
  },
  parse(records, ctx) {
    return parseOpenAiExport(records, ctx, {
      what: 'a cost export',
      required: REQUIRED_CSV_COLUMNS,
      json: parseJsonRecord,
      csv: parseCsvRow,
    });
  },
};

function* parseJsonRecord(rec: FramedRecord, ctx: ParseContext): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const structure = new IssueSink(where);
  for (const r of walkRecord(rec.value, COSTS_RESULT, ctx, structure)) {
    const sink = new IssueSink(where);
    const cost = costLine(r, false, sink);
    if (cost) yield { kind: 'cost', cost, ...where };
    else yield* issuesOf(sink);
  }
  yield* issuesOf(structure);
}

function* parseCsvRow(rec: FramedRecord, ctx: ParseContext): Generator<ParsedItem> {
  const row = rec.value as Obj;
  // The export lists every day of the range; days without spend have empty amount columns.
  if (!row.amount_value) return;
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const window = windowOf(row.start_time || row.start_time_iso, row.end_time || row.end_time_iso, 'start_time', 'end_time', sink);
  const cost = window ? costLine({ row, path: '', window, lone: false }, true, sink) : null;
  if (cost) yield { kind: 'cost', cost, ...where };
  else yield* issuesOf(sink);
}

/**
 * The Costs API has no model dimension; the model is only implicit in line_item, whose format the spec
 * does not define. Take a model only when the first token of the line item is a recognised model id
 * ("gpt-4o-mini-2024-07-18, input" -> gpt-4o-mini); "input_tokens" and prose stay null.
 */
export function modelFromLineItem(lineItem: string | null): string | null {
  const head = lineItem?.trim().split(/[,\s]/)[0];
  if (!head || !/^[A-Za-z0-9][\w.:-]*$/.test(head)) return null;
  const model = normaliseModel(head);
  return modelCreator(model) ? model : null;
}

/** Maps one result row (API: nested amount.value/currency; CSV: amount_value/amount_currency); null with issues in sink. */
function costLine(r: ResultRow, csv: boolean, sink: IssueSink): CostLine | null {
  const { row, path, window } = r;
  const f = (k: string) => `${path}${k}`;
  const valueField = csv ? 'amount_value' : f('amount.value');
  const currencyField = csv ? 'amount_currency' : f('amount.currency');
  if (!csv && !isObj(row.amount)) sink.add(f('amount'), `expected an amount {value, currency}, got ${brief(row.amount ?? null)}`);
  const value = csv ? row.amount_value : at(row, 'amount.value');
  const billedCostUsd = money(value, valueField, sink);
  if (billedCostUsd === null && isObj(row.amount) && (value === undefined || value === null || value === ''))
    sink.add(valueField, 'expected the amount charged (USD), got nothing');
  const currencyRaw = csv ? row.amount_currency : at(row, 'amount.currency');
  const currency = str(currencyRaw);
  // When the amount object itself is missing, that one issue says it all.
  if (currency?.toLowerCase() !== 'usd' && (csv || isObj(row.amount)))
    sink.add(currencyField, `expected currency "usd" (only USD amounts are stored), got ${brief(currencyRaw ?? null)}`);
  // quantity is a count in quantity_unit (tokens, 1000_tokens, images, ...): kept as an exact decimal string.
  const quantity = money(row.quantity, f('quantity'), sink);
  // A count of tokens, images, requests...: never below zero (bad-input matrix, test/bad-input-sources.test.ts).
  if (quantity?.startsWith('-')) sink.add(f('quantity'), `expected a non-negative quantity, got ${quantity}`);
  const quantityUnit = str(row.quantity_unit);
  const lineItem = str(row.line_item);
  const project = str(row.project_id);
  const apiKey = str(row.api_key_id);
  if (!sink.ok || billedCostUsd === null) return null;

  const startSeconds = Math.floor(window.start.getTime() / 1000);
  const csvTags = csv ? Object.fromEntries(CSV_TAG_COLUMNS.map((c) => [c, str(row[c])])) : {};
  // Identity: (day, project, api key, line item), the API's group-by dimensions. The CSV also splits by
  // user, so a user id joins the key when present; a lone result has no day of its own, so its content does.
  const keyParts: unknown[] = [startSeconds, project, apiKey, lineItem];
  const userId = csv ? str(row.user_id) : null;
  if (userId) keyParts.push(userId);
  if (r.lone) keyParts.push(contentHash(row));
  return {
    dedupeKey: JSON.stringify(keyParts),
    periodStart: window.start,
    periodEnd: new Date(window.start.getTime() + window.periodSeconds * 1000),
    vendor: 'openai',
    service: null,
    lineItem,
    chargeCategory: 'usage',
    model: modelFromLineItem(lineItem),
    billedCostUsd,
    listCostUsd: null,
    currency: 'USD',
    project,
    apiKey,
    quantity,
    quantityUnit,
    // CostLine has no timeInferred: a lone result's day came from --at or the file's mtime, so say so here.
    tags: compactTags({ ...csvTags, time_inferred: window.inferred ? true : null }),
  };
}
