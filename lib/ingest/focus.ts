/**
 * FOCUS 1.0–1.2 cost and usage exports (FORMATS.md 7): one CostLine per CSV row (gzip is handled by framing;
 * JSON/JSONL rows with the same column names are read the same way).
 *
 * - Nulls: the literal string NULL (any case) and empty cells are null. Zone-less datetimes are UTC.
 * - Money: BilledCost / ListCost / EffectiveCost are read digit for digit (fields.money), never through floats.
 *   `billedCostUsd` holds the BilledCost amount in BillingCurrency and `currency` names it; no conversion
 *   happens here. Microsoft's x_BilledCostInUsd / x_BillingExchangeRate are kept in tags when present.
 * - Vendor: see focus-classify.ts (hosted LLM services get aws_bedrock / azure_openai / google_vertex, the
 *   rest the cloud id; tags.cloud always names the cloud; tags.ai_service flags AI/ML rows).
 * - dedupeKey: sha256 (hex) of the canonical JSON of (BillingPeriodStart, ChargePeriodStart, SkuPriceId, ResourceId,
 *   ChargeCategory, ChargeClass, Tags, BilledCost, Id). FORMATS.md 10 rule 2 plus the amount and the
 *   exporter's own row id (the non-spec `Id` column) when present, so genuinely different rows never collide.
 */
import { IssueSink, isObj, money, type Obj, timestamp } from './fields';
import { aiVendorOf, cloudOf, isAiService, type Row } from './focus-classify';
import { canonicalJson, compactTags, contentHash, issuesOf, whereOf } from './openai-shared';
import type { CostLine, FramedRecord, IngestSource, ParseContext, ParsedItem } from './types';

/** Mandatory FOCUS columns this parser cannot do without. ProviderName may be spelled ServiceProviderName (1.3). */
export const REQUIRED_COLUMNS = ['BilledCost', 'BillingCurrency', 'ChargeCategory', 'ChargePeriodStart', 'ChargePeriodEnd'] as const;
const PROVIDER_COLUMNS = ['ProviderName', 'ServiceProviderName'] as const;

/** Column names only FOCUS exports use together (the nearMiss test): the required ones and common others. */
const FOCUS_NAMES = [
  ...REQUIRED_COLUMNS,
  ...PROVIDER_COLUMNS,
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'BillingAccountId',
  'EffectiveCost',
  'ListCost',
  'ServiceName',
  'ServiceCategory',
  'SkuId',
] as const;
const CHARGE_CATEGORIES = new Set(['usage', 'purchase', 'tax', 'credit', 'adjustment']);

/** FOCUS columns copied into tags as they are (keys are the column names). */
const TAG_COLUMNS = [
  'ServiceCategory',
  'ServiceSubcategory',
  'RegionId',
  'ResourceId',
  'ResourceName',
  'SkuId',
  'SkuPriceId',
  'SkuMeter',
  'SubAccountId',
  'BillingAccountId',
  'PublisherName',
  'ChargeClass',
  'ChargeFrequency',
  'PricingCategory',
  'CommitmentDiscountId',
  'InvoiceId',
  'x_SkuMeterName',
  'x_ResourceGroupName',
  'x_BillingExchangeRate',
  'x_BillingExchangeRateDate',
] as const;

/** Decimal columns copied into tags as exact strings. */
const MONEY_TAG_COLUMNS = ['EffectiveCost', 'ContractedCost', 'x_BilledCostInUsd', 'x_EffectiveCostInUsd', 'x_ListCostInUsd'] as const;

/** Keys this parser sets in tags; a user tag with the same name is kept as `tag:<name>`. */
const OWN_KEYS = new Set<string>([...TAG_COLUMNS, ...MONEY_TAG_COLUMNS, 'ProviderName', 'cloud', 'ai_service', 'Tags_raw']);

export const focusSource: IngestSource = {
  id: 'focus',
  label: 'FOCUS cost and usage export (CSV, FOCUS 1.0–1.2)',
  // CSV is the export format; JSON/JSONL rows of the same columns (BigQuery, Athena, Snowflake extracts) read the same way.
  framings: ['csv', 'jsonl', 'json'],
  detect(first) {
    if (!isObj(first)) return false;
    // The OpenAI dashboard exports carry start_time / amount_value; never claim those.
    if ('amount_value' in first || 'start_time' in first) return false;
    return 'BilledCost' in first && 'ChargePeriodStart' in first;
  },
  nearMiss(first) {
    // Three or more FOCUS column names make a FOCUS export with a column lost (a spreadsheet edit, an old export).
    if (!isObj(first) || FOCUS_NAMES.filter((c) => c in first).length < 3) return undefined;
    return `looks like a FOCUS export but lacks ${missingColumns(first).join(', ')} (FOCUS needs ${[...REQUIRED_COLUMNS, 'ProviderName'].join(', ')})`;
  },
  async *parse(records, ctx) {
    let state: 'unchecked' | 'ok' | 'missing' = 'unchecked';
    for await (const rec of records) {
      // JSON rows share no header: each one's missing fields are reported on that row by costLine.
      if (ctx.framing !== 'csv') {
        yield* parseRow(rec, ctx);
        continue;
      }
      if (state === 'missing') continue; // consume the stream: the header was reported once
      if (state === 'unchecked') {
        const missing = missingColumns(rec.value);
        state = missing.length ? 'missing' : 'ok';
        if (missing.length) {
          yield {
            kind: 'issue',
            issue: {
              file: ctx.file,
              line: 1,
              header: true,
              field: missing.join(', '),
              message: `missing FOCUS column(s) ${missing.join(', ')}: expected a FOCUS 1.0–1.2 export with ${[...REQUIRED_COLUMNS, 'ProviderName'].join(', ')}; no rows were read`,
            },
          };
          continue;
        }
      }
      yield* parseRow(rec, ctx);
    }
  },
};

function missingColumns(v: unknown): string[] {
  if (!isObj(v)) return [...REQUIRED_COLUMNS, 'ProviderName'];
  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !(c in v));
  if (!PROVIDER_COLUMNS.some((c) => c in v)) missing.push('ProviderName');
  return missing;
}

/**
 * A cell: the literal NULL and empty are null; anything else is the trimmed string. JSON rows (BigQuery or
 * Athena exports) may carry numbers (read through their shortest decimal spelling, as fields.money does)
 * and a Tags object (re-serialised, then parsed like the CSV text).
 */
function cell(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v) ?? null;
    } catch {
      return null; // not JSON-serialisable (a cycle, a BigInt): no value
    }
  }
  if (typeof v !== 'string') return String(v);
  const t = v.trim();
  return t === '' || /^null$/i.test(t) ? null : t;
}

function rowOf(o: Obj): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(o)) row[k] = cell(v);
  return row;
}

/**
 * The Tags column: a JSON object (FOCUS KeyValueFormat). Azure's older exports drop the braces
 * (`"a": "b","c": "d"`), so those are tried wrapped. Anything else is kept verbatim as Tags_raw.
 */
export function parseTags(raw: string | null): { tags: Obj | null; raw: string | null } {
  if (raw === null) return { tags: null, raw: null };
  for (const text of [raw, `{${raw}}`]) {
    try {
      const v: unknown = JSON.parse(text);
      if (isObj(v)) return { tags: v, raw: null };
    } catch {
      // not JSON: try the next spelling
    }
  }
  return { tags: null, raw };
}

function* parseRow(rec: FramedRecord, ctx: ParseContext): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const cost = isObj(rec.value) ? costLine(rowOf(rec.value), sink) : null;
  if (!isObj(rec.value)) sink.add(undefined, 'expected a FOCUS row (an object of columns)');
  if (cost) yield { kind: 'cost', cost, ...where };
  else yield* issuesOf(sink);
}

export function costLine(row: Row, sink: IssueSink): CostLine | null {
  /** A column's value; absent columns are null like NULL cells. */
  const col = (k: string): string | null => row[k] ?? null;
  const billed = money(col('BilledCost'), 'BilledCost', sink);
  if (billed === null && col('BilledCost') === null) sink.add('BilledCost', 'expected the billed amount (a decimal), got nothing');
  const listCost = money(col('ListCost'), 'ListCost', sink);
  const consumed = money(col('ConsumedQuantity'), 'ConsumedQuantity', sink);
  const pricing = consumed === null ? money(col('PricingQuantity'), 'PricingQuantity', sink) : null;
  const moneyTags: Record<string, string | null> = {};
  for (const c of MONEY_TAG_COLUMNS) moneyTags[c] = money(col(c), c, sink);

  const start = timestamp(col('ChargePeriodStart'), 'ChargePeriodStart', sink);
  const end = timestamp(col('ChargePeriodEnd'), 'ChargePeriodEnd', sink);
  if (col('ChargePeriodStart') === null) sink.add('ChargePeriodStart', 'expected the charge period start (ISO-8601), got nothing');
  if (col('ChargePeriodEnd') === null) sink.add('ChargePeriodEnd', 'expected the charge period end (ISO-8601), got nothing');
  if (start && end && end.getTime() < start.getTime())
    sink.add('ChargePeriodEnd', `expected the charge period end at or after its start (${start.toISOString()}), got ${end.toISOString()}`);

  const categoryRaw = col('ChargeCategory');
  const category = categoryRaw?.toLowerCase() ?? null;
  if (category === null || !CHARGE_CATEGORIES.has(category))
    sink.add('ChargeCategory', `expected one of Usage, Purchase, Tax, Credit, Adjustment, got ${JSON.stringify(categoryRaw)}`);

  const currency = col('BillingCurrency')?.toUpperCase() ?? null;
  if (currency === null || !/^[A-Z]{3}$/.test(currency))
    sink.add('BillingCurrency', `expected an ISO 4217 currency code, got ${JSON.stringify(col('BillingCurrency'))}`);

  const provider = col('ProviderName') ?? col('ServiceProviderName');
  if (provider === null) sink.add('ProviderName', 'expected the provider name (ProviderName or ServiceProviderName), got nothing');

  if (!sink.ok || billed === null || !start || !end || !category || !currency || !provider) return null;

  const cloud = cloudOf(provider);
  const ai = isAiService(row);
  const vendor = aiVendorOf(cloud, row) ?? cloud;
  const { tags: userTags, raw: tagsRaw } = parseTags(col('Tags'));

  const tags: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(userTags ?? {})) tags[OWN_KEYS.has(k) || k === '__proto__' ? `tag:${k}` : k] = v;
  for (const c of TAG_COLUMNS) if (col(c) !== null) tags[c] = col(c);
  Object.assign(tags, moneyTags);
  tags.ProviderName = provider;
  tags.cloud = cloud;
  tags.ai_service = ai ? true : null;
  tags.Tags_raw = tagsRaw;

  const keyParts = [
    col('BillingPeriodStart'),
    col('ChargePeriodStart'),
    col('SkuPriceId'),
    col('ResourceId'),
    categoryRaw,
    col('ChargeClass'),
    userTags ? canonicalJson(userTags) : tagsRaw,
    billed,
    col('Id'),
  ];

  return {
    dedupeKey: contentHash(keyParts),
    periodStart: start,
    periodEnd: end,
    vendor,
    service: col('ServiceName'),
    lineItem: col('ChargeDescription') ?? col('SkuMeter') ?? col('SkuId'),
    chargeCategory: category,
    model: null,
    billedCostUsd: billed,
    listCostUsd: listCost,
    currency,
    project: col('SubAccountName') ?? col('SubAccountId'),
    apiKey: null,
    quantity: consumed ?? pricing,
    quantityUnit: consumed !== null ? col('ConsumedUnit') : pricing !== null ? col('PricingUnit') : null,
    tags: compactTags(tags),
  };
}
