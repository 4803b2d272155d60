/**
 * AI spend as a FOCUS 1.2 CSV (FinOps Open Cost and Usage Specification) for FinOps tools. Pure.
 *
 * Two kinds of rows, told apart by x_ItemizedSource:
 *  - usage: one per UTC day × vendor × model × creator × team × workflow × project × environment,
 *    ChargeCategory "Usage". ListCost = our list price of that usage (unpriced usage adds 0 and is
 *    counted in x_UnpricedEvents); ContractedCost = ListCost (negotiated overrides are already in it);
 *    BilledCost = EffectiveCost = the vendor-stated per-request amount, or 0 when the vendor states none,
 *    because that usage is billed on the invoice rows (x_BilledCostBasis says which).
 *  - invoice: one per cost_lines row, BilledCost = EffectiveCost = the invoiced amount (credits
 *    negative); ListCost = ContractedCost = 0 because the list value of the usage they bill is on the
 *    usage rows (a vendor-stated list amount is kept in x_VendorListCost).
 *  - plan: one per flat-rate plan declared in the dependency map (itemized.yaml) × calendar month of the
 *    period, ChargeCategory "Purchase", Recurring; BilledCost = the plan's cost for the days of that month
 *    in the period (prorated as on the statement), ListCost = ContractedCost = 0 (the list value of the
 *    usage it covers is on the usage rows).
 * So SUM(BilledCost) = the statement's billed total (invoices + vendor-stated + plans) and SUM(ListCost) =
 * its list total, with nothing counted twice (tested against the database).
 * Conventions: null = empty field; datetimes ISO 8601 UTC with Z; decimals exact, no exponent;
 * BillingAccountId = the vendor id (we see one account per vendor); SubAccount = project; Tags = JSON
 * of team / workflow / environment. The export's period and filters ride on every row
 * (x_ExportPeriod, x_ExportFilters) so the file stays a plain FOCUS table.
 */
import { stringify } from 'csv-stringify/sync';
import { safeNumberText, safeText } from './sanitize';

/** FOCUS 1.2 columns (FOCUS_Spec v1.2, specification/columns), in alphabetical order as exports list them. */
export const FOCUS_COLUMNS = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingAccountType',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'CapacityReservationId',
  'CapacityReservationStatus',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountQuantity',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'CommitmentDiscountUnit',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceId',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingCurrency',
  'PricingCurrencyContractedUnitPrice',
  'PricingCurrencyEffectiveCost',
  'PricingCurrencyListUnitPrice',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SkuPriceDetails',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'SubAccountType',
  'Tags',
] as const;

export const FOCUS_EXTENSION_COLUMNS = [
  'x_ItemizedSource',
  'x_BilledCostBasis',
  'x_VendorListCost',
  'x_Events',
  'x_Requests',
  'x_InputTokens',
  'x_CachedInputTokens',
  'x_CacheWriteTokens',
  'x_OutputTokens',
  'x_ReasoningTokens',
  'x_UnpricedEvents',
  'x_Model',
  'x_ExportPeriod',
  'x_ExportFilters',
] as const;

type Column = (typeof FOCUS_COLUMNS)[number] | (typeof FOCUS_EXTENSION_COLUMNS)[number];

/** Columns holding numbers: written as validated decimals, never neutralised as text. */
const NUMERIC = new Set<Column>([
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'ConsumedQuantity',
  'PricingQuantity',
  'ListUnitPrice',
  'ContractedUnitPrice',
  'CommitmentDiscountQuantity',
  'PricingCurrencyContractedUnitPrice',
  'PricingCurrencyEffectiveCost',
  'PricingCurrencyListUnitPrice',
  'x_VendorListCost',
  'x_Events',
  'x_Requests',
  'x_InputTokens',
  'x_CachedInputTokens',
  'x_CacheWriteTokens',
  'x_OutputTokens',
  'x_ReasoningTokens',
  'x_UnpricedEvents',
]);

export interface FocusUsageRow {
  day: string;
  vendor: string;
  model: string | null;
  modelCreator: string | null;
  team: string | null;
  workflow: string | null;
  project: string | null;
  environment: string | null;
  events: number;
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number | null;
  listCostUsd: string | null;
  billedCostUsd: string | null;
  unpricedEvents: number;
}

export interface FocusInvoiceRow {
  /** ISO 8601 UTC with Z. */
  periodStart: string;
  periodEnd: string;
  vendor: string;
  service: string | null;
  lineItem: string | null;
  chargeCategory: string;
  model: string | null;
  billedCostUsd: string;
  listCostUsd: string | null;
  quantity: string | null;
  quantityUnit: string | null;
  project: string | null;
  tags: Record<string, unknown> | null;
}

/** A declared flat-rate plan's cost for the days of one calendar month in the period. */
export interface FocusPlanRow {
  /** First and last UTC day counted, inclusive ("YYYY-MM-DD"). */
  start: string;
  end: string;
  vendor: string;
  plan: string;
  seats: number;
  team: string | null;
  costUsd: string;
}

export interface FocusExportInput {
  usage: FocusUsageRow[];
  invoices: FocusInvoiceRow[];
  plans: FocusPlanRow[];
  period: { from: string; to: string };
  /** As describeFilters gives them. */
  filters: { name: string; value: string }[];
}

const VENDOR_NAMES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  xai: 'xAI',
  deepseek: 'DeepSeek',
  google: 'Google',
  google_vertex: 'Google Cloud',
  aws_bedrock: 'Amazon Web Services',
  azure_openai: 'Microsoft',
  openrouter: 'OpenRouter',
  mistral: 'Mistral AI',
  meta: 'Meta',
};
export const vendorName = (id: string) => VENDOR_NAMES[id] ?? id;

const CATEGORY: Record<string, { category: string; frequency: string }> = {
  usage: { category: 'Usage', frequency: 'Usage-Based' },
  subscription: { category: 'Purchase', frequency: 'Recurring' },
  purchase: { category: 'Purchase', frequency: 'One-Time' },
  credit: { category: 'Credit', frequency: 'One-Time' },
  tax: { category: 'Tax', frequency: 'One-Time' },
  adjustment: { category: 'Adjustment', frequency: 'One-Time' },
};

const dayStart = (day: string) => `${day}T00:00:00Z`;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
function billingPeriod(isoOrDay: string): [string, string] {
  const [y, m] = isoOrDay.slice(0, 7).split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [`${isoOrDay.slice(0, 7)}-01T00:00:00Z`, `${next}-01T00:00:00Z`];
}
const tagsJson = (t: Record<string, unknown>) => (Object.keys(t).length ? JSON.stringify(t) : null);

type Rec = Partial<Record<Column, string | number | null>>;

function common(meta: { period: string; filters: string }): Rec {
  return {
    BillingCurrency: 'USD',
    ServiceCategory: 'AI and Machine Learning',
    ServiceSubcategory: 'Generative AI',
    x_ExportPeriod: meta.period,
    x_ExportFilters: meta.filters,
  };
}

function usageRecord(r: FocusUsageRow, meta: { period: string; filters: string }): Rec {
  const [bps, bpe] = billingPeriod(r.day);
  const tokens = r.inputTokens + r.outputTokens;
  const list = r.listCostUsd ?? '0';
  const billed = r.billedCostUsd ?? '0';
  const tags: Record<string, string> = {};
  if (r.team !== null) tags.team = r.team;
  if (r.workflow !== null) tags.workflow = r.workflow;
  if (r.environment !== null) tags.environment = r.environment;
  return {
    ...common(meta),
    BilledCost: billed,
    EffectiveCost: billed,
    ListCost: list,
    ContractedCost: list,
    BillingAccountId: r.vendor,
    BillingAccountName: vendorName(r.vendor),
    BillingPeriodStart: bps,
    BillingPeriodEnd: bpe,
    ChargePeriodStart: dayStart(r.day),
    ChargePeriodEnd: dayStart(nextDay(r.day)),
    ChargeCategory: 'Usage',
    ChargeDescription: `${r.model ?? 'unknown model'} tokens`,
    ChargeFrequency: 'Usage-Based',
    ConsumedQuantity: tokens,
    ConsumedUnit: 'Tokens',
    PricingQuantity: tokens,
    PricingUnit: 'Tokens',
    PricingCategory: 'Standard',
    InvoiceIssuerName: vendorName(r.vendor),
    ProviderName: vendorName(r.vendor),
    PublisherName: vendorName(r.modelCreator ?? r.vendor),
    ServiceName: `${vendorName(r.vendor)} API`,
    SkuId: r.model === null ? null : `${r.vendor}:${r.model}`,
    SkuMeter: 'Tokens',
    SubAccountId: r.project,
    SubAccountName: r.project,
    Tags: tagsJson(tags),
    x_ItemizedSource: 'usage',
    x_BilledCostBasis: r.billedCostUsd === null ? 'invoice' : 'vendor_stated_per_request',
    x_Events: r.events,
    x_Requests: r.requests,
    x_InputTokens: r.inputTokens,
    x_CachedInputTokens: r.cachedInputTokens,
    x_CacheWriteTokens: r.cacheWriteTokens,
    x_OutputTokens: r.outputTokens,
    x_ReasoningTokens: r.reasoningTokens,
    x_UnpricedEvents: r.unpricedEvents,
    x_Model: r.model,
  };
}

function invoiceRecord(r: FocusInvoiceRow, meta: { period: string; filters: string }): Rec {
  const [bps, bpe] = billingPeriod(r.periodStart);
  const cat = CATEGORY[r.chargeCategory] ?? { category: 'Adjustment', frequency: 'One-Time' };
  const isUsage = cat.category === 'Usage';
  return {
    ...common(meta),
    BilledCost: r.billedCostUsd,
    EffectiveCost: r.billedCostUsd,
    ListCost: '0',
    ContractedCost: '0',
    BillingAccountId: r.vendor,
    BillingAccountName: vendorName(r.vendor),
    BillingPeriodStart: bps,
    BillingPeriodEnd: bpe,
    ChargePeriodStart: r.periodStart,
    ChargePeriodEnd: r.periodEnd,
    ChargeCategory: cat.category,
    ChargeDescription: r.lineItem ?? r.service,
    ChargeFrequency: cat.frequency,
    ConsumedQuantity: isUsage ? r.quantity : null,
    ConsumedUnit: isUsage ? r.quantityUnit : null,
    PricingQuantity: r.quantity,
    PricingUnit: r.quantityUnit,
    InvoiceIssuerName: vendorName(r.vendor),
    ProviderName: vendorName(r.vendor),
    PublisherName: vendorName(r.vendor),
    ServiceName: r.service ?? `${vendorName(r.vendor)} API`,
    SkuId: r.lineItem,
    SubAccountId: r.project,
    SubAccountName: r.project,
    Tags: r.tags ? tagsJson(r.tags) : null,
    x_ItemizedSource: 'invoice',
    x_BilledCostBasis: 'invoice',
    x_VendorListCost: r.listCostUsd,
    x_Model: r.model,
  };
}

function planRecord(r: FocusPlanRow, meta: { period: string; filters: string }): Rec {
  const [bps, bpe] = billingPeriod(r.start);
  return {
    ...common(meta),
    BilledCost: r.costUsd,
    EffectiveCost: r.costUsd,
    ListCost: '0',
    ContractedCost: '0',
    BillingAccountId: r.vendor,
    BillingAccountName: vendorName(r.vendor),
    BillingPeriodStart: bps,
    BillingPeriodEnd: bpe,
    ChargePeriodStart: dayStart(r.start),
    ChargePeriodEnd: dayStart(nextDay(r.end)),
    ChargeCategory: 'Purchase',
    ChargeDescription: `${r.plan} (${r.seats} seats)`,
    ChargeFrequency: 'Recurring',
    PricingQuantity: r.seats,
    PricingUnit: 'Seats',
    InvoiceIssuerName: vendorName(r.vendor),
    ProviderName: vendorName(r.vendor),
    PublisherName: vendorName(r.vendor),
    ServiceName: `${vendorName(r.vendor)} ${r.plan}`,
    SkuId: `${r.vendor}:plan:${r.plan}`,
    Tags: r.team === null ? null : tagsJson({ team: r.team }),
    x_ItemizedSource: 'plan',
    x_BilledCostBasis: 'declared_plan',
  };
}

const HEADER: Column[] = [...FOCUS_COLUMNS, ...FOCUS_EXTENSION_COLUMNS];

function cell(column: Column, v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  return NUMERIC.has(column) ? safeNumberText(v) : safeText(String(v));
}

export function focusToCsv(input: FocusExportInput, opts: { bom?: boolean } = {}): Buffer {
  const meta = {
    period: `${input.period.from}..${input.period.to}`,
    filters: input.filters.length ? input.filters.map((f) => `${f.name}=${f.value}`).join('; ') : 'none',
  };
  const records = [
    HEADER as string[],
    ...input.usage.map((r) => usageRecord(r, meta)),
    ...input.invoices.map((r) => invoiceRecord(r, meta)),
    ...input.plans.map((r) => planRecord(r, meta)),
  ].map((rec) => (Array.isArray(rec) ? rec : HEADER.map((c) => cell(c, (rec as Rec)[c]))));
  const text = stringify(records, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  return Buffer.from(opts.bom ? `\uFEFF${text}` : text, 'utf8');
}
