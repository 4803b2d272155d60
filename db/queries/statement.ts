/**
 * The spend statement for a period (normally one calendar month, UTC): usage allocated to cost
 * centres (teams) and workflows at list price, billed beside it; per vendor list, billed (invoice
 * lines + vendor-stated per-request costs) and billing status; invoice charges by category.
 *
 * How the sections add up (tested to the last digit against SUM over usage_events / cost_lines):
 *  - team lines (one per team, the "Unallocated" line for team NULL always present, and one line for
 *    invoice charges, which no invoice itemises by team) sum to the list and billed totals;
 *  - workflow lines likewise; vendor lines likewise; charge lines sum to the invoice total.
 * Billed on a team/workflow line is only the vendor-stated per-request part (null = none known);
 * invoices cannot be split by team without inventing an allocation rule, so they stay one line.
 * Filters: vendor applies everywhere; a team or workflow filter leaves invoice lines out (they carry
 * neither), which the result says (invoicesIncluded = false).
 *
 * Extension point (STATEMENT_EXTENSIONS): subscription lines from the dependency map and per-vendor
 * reconciliation status are built elsewhere and plugged in through StatementExtensions.
 */
import { sumExact } from '../../lib/money';
import { exactMonth, monthPeriod } from '../../lib/months';
import type {
  ChargeStatementLine,
  Statement,
  StatementFilters,
  StatementLine,
  StatementLineKind,
  StatementScope,
  StatementSection,
  StatementTotals,
  VendorBillingStatus,
  VendorReconciliation,
  VendorStatementLine,
} from '../../lib/statement-types';
import type { Connection } from '../client';
import { eventDayRange, inList, moneyText, Params, toCount, toText } from './sql-params';
import { DEFAULT_STATEMENT_EXTENSIONS } from './statement-extensions';

export type {
  ChargeStatementLine,
  Statement,
  StatementFilters,
  StatementLine,
  StatementLineKind,
  StatementScope,
  StatementSection,
  StatementTotals,
  VendorBillingStatus,
  VendorReconciliation,
  VendorStatementLine,
};

/** What other work plugs into the statement. Subscriptions: seat plans from the dependency map that no
 * invoice line already carries (their billed amounts are added to the billed total). */
export interface StatementExtensions {
  subscriptions?: (conn: Connection, scope: StatementScope) => Promise<{ key: string; label: string; billedCostUsd: string }[]>;
  reconciliation?: (conn: Connection, scope: StatementScope) => Promise<Record<string, VendorReconciliation>>;
}

/** The extensions in effect: plans from the dependency map and per-vendor reconciliation (statement-extensions.ts). */
export const STATEMENT_EXTENSIONS: StatementExtensions = DEFAULT_STATEMENT_EXTENSIONS;

const lineId = (section: StatementSection, kind: StatementLineKind, key: string | null) => `${section}:${kind}:${key ?? ''}`;

function usageWhere(scope: StatementScope, p: Params): string {
  const c = [`day >= ${p.add(scope.from)}::date AND day <= ${p.add(scope.to)}::date`];
  const f = scope.filters ?? {};
  if (f.vendor) c.push(inList('vendor', f.vendor, p));
  if (f.team) c.push(inList('team', f.team, p));
  if (f.workflow) c.push(inList('workflow', f.workflow, p));
  return c.join(' AND ');
}

function invoiceWhere(scope: StatementScope, p: Params): string {
  const c = [eventDayRange(scope.from, scope.to, p, 'period_start')];
  if (scope.filters?.vendor) c.push(inList('vendor', scope.filters.vendor, p));
  return c.join(' AND ');
}

const USAGE_SUMS = `${moneyText('sum(list_cost_usd)')} AS list, ${moneyText('sum(billed_cost_usd)')} AS billed,
  coalesce(sum(events), 0) AS events, coalesce(sum(requests), 0) AS requests, coalesce(sum(unpriced_events), 0) AS unpriced`;

type Raw = Record<string, unknown>;

async function usageBy(conn: Connection, scope: StatementScope, col: 'team' | 'workflow' | 'vendor'): Promise<Raw[]> {
  const p = new Params();
  const extra = col === 'vendor' ? ', count(DISTINCT day) AS usage_days' : '';
  return conn.query(
    `SELECT ${col} AS k, ${USAGE_SUMS}${extra} FROM usage_daily WHERE ${usageWhere(scope, p)}
      GROUP BY 1 ORDER BY sum(list_cost_usd) DESC NULLS LAST, 1 NULLS LAST`,
    p.values,
  );
}

function usageLine(section: StatementSection, r: Raw, unallocatedLabel: string): StatementLine {
  const key = toText(r.k);
  const kind: StatementLineKind = key === null ? 'unallocated' : 'usage';
  return {
    id: lineId(section, kind, key),
    section,
    kind,
    key,
    label: key ?? unallocatedLabel,
    listCostUsd: toText(r.list),
    billedCostUsd: toText(r.billed),
    events: toCount(r.events),
    requests: toCount(r.requests),
    unpricedEvents: toCount(r.unpriced),
  };
}

/** Allocation lines for teams or workflows: usage lines, the unallocated line (always), the invoice line. */
function allocationLines(
  section: 'team' | 'workflow',
  rows: Raw[],
  invoiceBilled: string | null,
  invoicesIncluded: boolean,
): StatementLine[] {
  const what = section === 'team' ? 'team' : 'workflow';
  const label = `Unallocated (no ${what})`;
  const lines = rows.filter((r) => toText(r.k) !== null).map((r) => usageLine(section, r, label));
  const un = rows.find((r) => toText(r.k) === null);
  lines.push(
    un
      ? usageLine(section, un, label)
      : // A known zero: no usage lacks a team in this period.
        {
          id: lineId(section, 'unallocated', null),
          section,
          kind: 'unallocated',
          key: null,
          label,
          listCostUsd: '0',
          billedCostUsd: null,
          events: 0,
          requests: 0,
          unpricedEvents: 0,
        },
  );
  if (invoicesIncluded && invoiceBilled !== null)
    lines.push({
      id: lineId(section, 'invoice', null),
      section,
      kind: 'invoice',
      key: null,
      label: `Vendor invoice charges (not itemised by ${what})`,
      listCostUsd: null,
      billedCostUsd: invoiceBilled,
      events: 0,
      requests: 0,
      unpricedEvents: 0,
    });
  return lines;
}

export async function getStatement(
  conn: Connection,
  scope: StatementScope,
  ext: StatementExtensions = STATEMENT_EXTENSIONS,
): Promise<Statement> {
  const filters = scope.filters ?? {};
  const invoicesIncluded = !filters.team && !filters.workflow;
  const ip = new Params();
  const iw = invoiceWhere(scope, ip);
  const bp = new Params();
  const billedDaysSql = `SELECT vendor, count(DISTINCT d) AS n FROM (
      SELECT vendor, day AS d FROM usage_daily WHERE ${usageWhere(scope, bp)} AND billed_cost_usd IS NOT NULL
      ${invoicesIncluded ? `UNION SELECT vendor, (period_start AT TIME ZONE 'UTC')::date FROM cost_lines WHERE ${invoiceWhere(scope, bp)}` : ''}
    ) b GROUP BY vendor`;
  const [teams, workflows, vendors, charges, billedDays, everBilled, subs, recon] = await Promise.all([
    usageBy(conn, scope, 'team'),
    usageBy(conn, scope, 'workflow'),
    usageBy(conn, scope, 'vendor'),
    invoicesIncluded
      ? conn.query(
          `SELECT vendor, charge_category, ${moneyText('sum(billed_cost_usd)')} AS billed FROM cost_lines WHERE ${iw}
            GROUP BY 1, 2 ORDER BY 1, 2`,
          ip.values,
        )
      : Promise.resolve([] as Raw[]),
    conn.query(billedDaysSql, bp.values),
    conn.query(`SELECT vendor FROM cost_lines UNION SELECT DISTINCT vendor FROM usage_daily WHERE billed_cost_usd IS NOT NULL`),
    ext.subscriptions ? ext.subscriptions(conn, scope) : Promise.resolve(null),
    ext.reconciliation ? ext.reconciliation(conn, scope) : Promise.resolve(null),
  ]);

  const chargeLines: ChargeStatementLine[] = charges.map((r) => {
    const key = `${r.vendor}/${r.charge_category}`;
    return {
      id: lineId('charge', 'charge', key),
      section: 'charge',
      kind: 'charge',
      key,
      label: `${r.vendor} — ${r.charge_category}`,
      listCostUsd: null,
      billedCostUsd: toText(r.billed),
      events: 0,
      requests: 0,
      unpricedEvents: 0,
      vendor: String(r.vendor),
      chargeCategory: String(r.charge_category),
    };
  });
  const invoiceBilled = sumExact(chargeLines.map((c) => c.billedCostUsd));
  const eventBilled = sumExact(vendors.map((r) => toText(r.billed)));
  const listTotal = sumExact(vendors.map((r) => toText(r.list)));
  // No plans declared = no subscription section (not an empty one).
  const subscriptions = (subs?.length ? subs : null)?.map<StatementLine>((s) => ({
    id: lineId('subscription', 'subscription', s.key),
    section: 'subscription',
    kind: 'subscription',
    key: s.key,
    label: s.label,
    listCostUsd: null,
    billedCostUsd: s.billedCostUsd,
    events: 0,
    requests: 0,
    unpricedEvents: 0,
  }));
  const subscriptionBilled = subscriptions ? sumExact(subscriptions.map((s) => s.billedCostUsd)) : null;

  const ever = new Set(everBilled.map((r) => String(r.vendor)));
  const daysBilled = new Map(billedDays.map((r) => [String(r.vendor), toCount(r.n)]));
  const usageByVendor = new Map(vendors.map((r) => [String(r.k), r]));
  const vendorNames = [...usageByVendor.keys(), ...chargeLines.map((c) => c.vendor).filter((v) => !usageByVendor.has(v))];
  const vendorLines = [...new Set(vendorNames)].map<VendorStatementLine>((v) => {
    const u = usageByVendor.get(v) ?? { k: v };
    const invoice = sumExact(chargeLines.filter((c) => c.vendor === v).map((c) => c.billedCostUsd));
    const perRequest = toText(u.billed);
    const billed = sumExact([invoice, perRequest]);
    return {
      ...usageLine('vendor', u, v),
      billedCostUsd: billed,
      invoiceBilledUsd: invoice,
      eventBilledUsd: perRequest,
      status: billed !== null ? 'billed' : !ever.has(v) ? 'list_only' : invoicesIncluded ? 'missing' : 'invoices_filtered',
      usageDays: toCount(u.usage_days),
      billedDays: daysBilled.get(v) ?? 0,
      reconciliation: recon?.[v] ?? null,
    };
  });

  const sumCount = (k: string) => vendors.reduce((a, r) => a + toCount(r[k]), 0);
  return {
    from: scope.from,
    to: scope.to,
    month: exactMonth(scope.from, scope.to),
    filters,
    invoicesIncluded,
    teams: allocationLines('team', teams, invoiceBilled, invoicesIncluded),
    workflows: allocationLines('workflow', workflows, invoiceBilled, invoicesIncluded),
    vendors: vendorLines,
    charges: chargeLines,
    subscriptions: subscriptions ?? null,
    totals: {
      listCostUsd: listTotal,
      eventBilledCostUsd: eventBilled,
      invoiceBilledCostUsd: invoiceBilled,
      subscriptionBilledCostUsd: subscriptionBilled,
      billedCostUsd: sumExact([eventBilled, invoiceBilled, subscriptionBilled]),
      events: sumCount('events'),
      requests: sumCount('requests'),
      unpricedEvents: sumCount('unpriced'),
    },
  };
}

/** The statement of one calendar month ("YYYY-MM"). */
export function getMonthlyStatement(
  conn: Connection,
  month: string,
  filters: StatementFilters = {},
  ext: StatementExtensions = STATEMENT_EXTENSIONS,
): Promise<Statement> {
  return getStatement(conn, { ...monthPeriod(month), filters }, ext);
}
