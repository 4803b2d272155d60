/**
 * The three kinds of FOCUS records (usage, invoice, plan) built from database rows; the column list and the CSV
 * writing are in focus.ts, which documents what each kind means and why SUM(BilledCost) ties to the statement.
 */
import type { Column } from './focus';

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

export type Rec = Partial<Record<Column, string | number | null>>;

function common(meta: { period: string; filters: string }): Rec {
  return {
    BillingCurrency: 'USD',
    ServiceCategory: 'AI and Machine Learning',
    ServiceSubcategory: 'Generative AI',
    x_ExportPeriod: meta.period,
    x_ExportFilters: meta.filters,
  };
}

export function usageRecord(r: FocusUsageRow, meta: { period: string; filters: string }): Rec {
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

export function invoiceRecord(r: FocusInvoiceRow, meta: { period: string; filters: string }): Rec {
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

export function planRecord(r: FocusPlanRow, meta: { period: string; filters: string }): Rec {
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
