/**
 * The statement's data shapes (plain, serialisable), shared by db/queries/statement.ts which builds
 * them and lib/export which renders them. See db/queries/statement.ts for how the sections add up.
 */

export interface StatementFilters {
  vendor?: string[];
  /** null in a list = rows with no team (the unallocated line). */
  team?: (string | null)[];
  workflow?: (string | null)[];
}

export interface StatementScope {
  /** UTC days, inclusive. */
  from: string;
  to: string;
  filters?: StatementFilters;
}

export type StatementSection = 'team' | 'workflow' | 'vendor' | 'charge' | 'subscription';
/** usage: a team/workflow/vendor's usage; unallocated: usage with no team/workflow; invoice: invoice charges as one line. */
export type StatementLineKind = 'usage' | 'unallocated' | 'invoice' | 'charge' | 'subscription';

export interface StatementLine {
  /** Stable across exports: "<section>:<kind>:<key>", the key of the month-close diff. */
  id: string;
  section: StatementSection;
  kind: StatementLineKind;
  key: string | null;
  label: string;
  /** USD at list price (ours); null = nothing priced. */
  listCostUsd: string | null;
  /** USD billed; null = no billed amount known for this line. */
  billedCostUsd: string | null;
  events: number;
  requests: number;
  unpricedEvents: number;
}

/** billed: the period has billed amounts; missing: none this period though the vendor had some before
 * or after (an invoice not loaded yet); invoices_filtered: none in view because a team/workflow filter
 * leaves invoices out, though the vendor has some; list_only: the vendor never had a billed amount here. */
export type VendorBillingStatus = 'billed' | 'missing' | 'invoices_filtered' | 'list_only';

export interface VendorReconciliation {
  status: string;
  differenceUsd?: string | null;
  note?: string;
}

export interface VendorStatementLine extends StatementLine {
  /** cost_lines in the period (all charge categories). */
  invoiceBilledUsd: string | null;
  /** Vendor-stated per-request costs on usage events. */
  eventBilledUsd: string | null;
  status: VendorBillingStatus;
  /** UTC days with usage, and with any billed amount. */
  usageDays: number;
  billedDays: number;
  /** From the reconciliation extension; null until it is plugged in. */
  reconciliation: VendorReconciliation | null;
}

export interface ChargeStatementLine extends StatementLine {
  vendor: string;
  /** usage | subscription | purchase | credit | tax | adjustment */
  chargeCategory: string;
}

export interface StatementTotals {
  listCostUsd: string | null;
  eventBilledCostUsd: string | null;
  invoiceBilledCostUsd: string | null;
  /** From the subscriptions extension; null when not plugged in. */
  subscriptionBilledCostUsd: string | null;
  /** event + invoice + subscription billed. */
  billedCostUsd: string | null;
  events: number;
  requests: number;
  unpricedEvents: number;
}

export interface Statement {
  from: string;
  to: string;
  /** "YYYY-MM" when the period is exactly one month. */
  month: string | null;
  filters: StatementFilters;
  invoicesIncluded: boolean;
  teams: StatementLine[];
  workflows: StatementLine[];
  vendors: VendorStatementLine[];
  charges: ChargeStatementLine[];
  /** Lines from the subscriptions extension; null when it is not plugged in. */
  subscriptions: StatementLine[] | null;
  totals: StatementTotals;
}
