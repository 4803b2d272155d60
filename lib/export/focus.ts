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
import {
  type FocusInvoiceRow,
  type FocusPlanRow,
  type FocusUsageRow,
  invoiceRecord,
  planRecord,
  type Rec,
  usageRecord,
} from './focus-records';
import { safeNumberText, safeText } from './sanitize';

export type { FocusInvoiceRow, FocusPlanRow, FocusUsageRow } from './focus-records';

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

export type Column = (typeof FOCUS_COLUMNS)[number] | (typeof FOCUS_EXTENSION_COLUMNS)[number];

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

export interface FocusExportInput {
  usage: FocusUsageRow[];
  invoices: FocusInvoiceRow[];
  plans: FocusPlanRow[];
  period: { from: string; to: string };
  /** As describeFilters gives them. */
  filters: { name: string; value: string }[];
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
