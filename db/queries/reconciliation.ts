/**
 * Reconciliation sums per vendor and UTC month (lib/analysis/reconcile.ts turns them into verdicts).
 * Usage comes from the usage_daily rollup; the bill from cost_lines by the month of period_start.
 * Cloud cost lines that are not AI services (FOCUS rows without tags.ai_service) are left out: they
 * have no usage to reconcile against. Money stays exact numeric text.
 */
import { type ReconciliationInput, type ReconciliationRow, reconcile } from '../../lib/analysis/reconcile';
import type { Connection } from '../client';
import { BUCKET_LOG_OVERLAP } from './overlap';

export interface ReconciliationRange {
  /** Inclusive UTC days, YYYY-MM-DD; months are those the days fall in (a partial month is compared as partial). */
  from?: string;
  to?: string;
  vendor?: string;
}

type Raw = Record<string, unknown>;

/**
 * Local coding-agent session logs: usage under flat-rate seats in the usual case, so it is not on the
 * metered bill. Kept off the usage side and reported apart (agentLogListUsd).
 * TODO(issue 5): take the sources each declared subscription covers from the subscriptions config.
 */
export const SEAT_LOG_SOURCES = ['claude_code', 'codex'];
/** trim_scale in SQL already gives minimal decimal text ("1.2500" -> "1.25"). */
const money = (v: unknown) => (v === null || v === undefined ? null : String(v));

export async function getReconciliationInputs(conn: Connection, r: ReconciliationRange): Promise<ReconciliationInput[]> {
  const p1: unknown[] = [];
  const p2: unknown[] = [];
  const w1: string[] = [];
  const w2 = ["(source <> 'focus' OR (tags->>'ai_service') = 'true')"];
  const cd = "(period_start AT TIME ZONE 'UTC')::date";
  const both = (usageCond: (n: number) => string, lineCond: (n: number) => string, value: string) => {
    w1.push(usageCond(p1.push(value)));
    w2.push(lineCond(p2.push(value)));
  };
  if (r.from)
    both(
      (n) => `day >= $${n}::date`,
      (n) => `${cd} >= $${n}::date`,
      r.from,
    );
  if (r.to)
    both(
      (n) => `day <= $${n}::date`,
      (n) => `${cd} <= $${n}::date`,
      r.to,
    );
  if (r.vendor)
    both(
      (n) => `vendor = $${n}`,
      (n) => `vendor = $${n}`,
      r.vendor,
    );
  const seat = `$${p1.push(SEAT_LOG_SOURCES)}::text[]`;
  const usageWhere = w1.length ? `AND ${w1.join(' AND ')}` : '';
  const [usage, lines, overlaps] = await Promise.all([
    conn.query<Raw>(
      `SELECT vendor, to_char(day, 'YYYY-MM') AS month,
              trim_scale(sum(list_cost_usd) FILTER (WHERE NOT seat))::text AS usage_list,
              trim_scale(sum(billed_cost_usd) FILTER (WHERE NOT seat))::text AS request_billed,
              coalesce(sum(events) FILTER (WHERE NOT seat), 0)::bigint AS events,
              coalesce(sum(unpriced_events) FILTER (WHERE NOT seat), 0)::bigint AS unpriced,
              trim_scale(sum(list_cost_usd) FILTER (WHERE seat))::text AS seat_list
       FROM (SELECT *, source = ANY(${seat}) AS seat FROM usage_daily) u
       ${w1.length ? `WHERE ${w1.join(' AND ')}` : ''}
       GROUP BY 1, 2`,
      p1,
    ),
    conn.query<Raw>(
      `SELECT vendor, to_char(${cd}, 'YYYY-MM') AS month,
              trim_scale(sum(billed_cost_usd) FILTER (WHERE charge_category = 'usage'))::text AS usage_lines,
              trim_scale(sum(billed_cost_usd) FILTER (WHERE charge_category <> 'usage'))::text AS other_lines
       FROM cost_lines WHERE ${w2.join(' AND ')}
       GROUP BY 1, 2`,
      p2,
    ),
    // Months where an export bucket and logged requests can describe the same traffic: the same day and vendor, and
    // the bucket names the same model and project or none (an export not grouped by them covers all), as the
    // overview's overlap warning decides (overlap.ts). An export of other projects than the logged ones is not flagged.
    conn.query<Raw>(
      `SELECT DISTINCT b.vendor, to_char(b.day, 'YYYY-MM') AS month
         FROM (SELECT DISTINCT day, vendor, model, project FROM usage_daily
                WHERE is_bucket AND NOT source = ANY(${seat}) ${usageWhere}) b
         JOIN (SELECT DISTINCT day, vendor, model, project FROM usage_daily
                WHERE NOT is_bucket AND NOT source = ANY(${seat}) ${usageWhere}) r
           ON ${BUCKET_LOG_OVERLAP}`,
      p1,
    ),
  ]);
  const overlapping = new Set(overlaps.map((o) => `${o.vendor}|${o.month}`));
  const byKey = new Map<string, ReconciliationInput>();
  const at = (vendor: string, month: string) => {
    const k = `${vendor}|${month}`;
    let v = byKey.get(k);
    if (!v) {
      v = {
        vendor,
        month,
        costLinesUsd: null,
        otherChargesUsd: null,
        requestBilledUsd: null,
        usageListUsd: null,
        usageEvents: 0,
        unpricedEvents: 0,
        bucketsAndLogs: false,
        agentLogListUsd: null,
      };
      byKey.set(k, v);
    }
    return v;
  };
  for (const u of usage) {
    const v = at(String(u.vendor), String(u.month));
    v.usageListUsd = money(u.usage_list);
    v.requestBilledUsd = money(u.request_billed);
    v.usageEvents = Number(u.events);
    v.unpricedEvents = Number(u.unpriced);
    v.bucketsAndLogs = overlapping.has(`${u.vendor}|${u.month}`);
    v.agentLogListUsd = money(u.seat_list);
  }
  for (const l of lines) {
    const v = at(String(l.vendor), String(l.month));
    v.costLinesUsd = money(l.usage_lines);
    v.otherChargesUsd = money(l.other_lines);
  }
  // A vendor-month holding only coding-agent session logs (flat-rate seats) and no bill has nothing to reconcile: left
  // out rather than shown as "no bill loaded" (the Dependencies and Scenarios pages account for the seats).
  const comparable = [...byKey.values()].filter(
    (v) => v.usageEvents > 0 || v.costLinesUsd !== null || v.otherChargesUsd !== null || v.requestBilledUsd !== null,
  );
  return comparable.sort((a, b) => b.month.localeCompare(a.month) || a.vendor.localeCompare(b.vendor));
}

/** Newest month first, then vendor. */
export async function getReconciliation(conn: Connection, r: ReconciliationRange): Promise<ReconciliationRow[]> {
  return (await getReconciliationInputs(conn, r)).map(reconcile);
}
