/**
 * The AI share of cloud bills: FOCUS cost lines (source 'focus') per cloud, month and billing currency, the whole
 * bill beside the lines classified as AI services (tags.ai_service, lib/ingest/focus-classify.ts). Amounts are
 * exact decimal strings in the bill's currency (FOCUS BilledCost is in BillingCurrency, so currencies never mix);
 * the share is a percentage rounded to 0.1 for display, null when the bill's total is zero.
 */
import Decimal from 'decimal.js';
import type { Connection } from '../client';

export interface CloudAiShareRow {
  /** Cloud id (aws, azure, gcp, oracle, or a slug of the provider's name). */
  cloud: string;
  /** UTC month of the charge period start, YYYY-MM. */
  month: string;
  /** ISO 4217 code of the amounts. */
  currency: string;
  /** Every line of this cloud's bill in the month. */
  billedTotal: string;
  /** The lines classified as AI services (hosted models and other AI/ML services). */
  billedAi: string;
  /** 100 x AI / total, to one decimal; null when the total is zero. */
  aiSharePct: string | null;
  lines: number;
  aiLines: number;
  /** AI services of this cloud-month with their amounts, largest first (at most five). */
  aiServices: { service: string; billed: string }[];
}

export interface CloudAiShareRange {
  /** Inclusive UTC day, YYYY-MM-DD. */
  from?: string;
  /** Inclusive UTC day, YYYY-MM-DD. */
  to?: string;
}

const MONTH = `to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM')`;
const CLOUD = `coalesce(tags->>'cloud', vendor)`;
const IS_AI = `(tags->>'ai_service') = 'true'`;

export async function getCloudAiShare(conn: Connection, range: CloudAiShareRange = {}): Promise<CloudAiShareRow[]> {
  const params: unknown[] = [];
  const where = ["source = 'focus'"];
  if (range.from) {
    params.push(range.from);
    where.push(`(period_start AT TIME ZONE 'UTC')::date >= $${params.length}::date`);
  }
  if (range.to) {
    params.push(range.to);
    where.push(`(period_start AT TIME ZONE 'UTC')::date <= $${params.length}::date`);
  }
  const w = where.join(' AND ');
  const [bills, services] = await Promise.all([
    conn.query<{
      cloud: string;
      month: string;
      currency: string;
      total: string;
      ai: string;
      lines: string | number;
      ai_lines: string | number;
    }>(
      `SELECT ${CLOUD} AS cloud, ${MONTH} AS month, currency, sum(billed_cost_usd)::text AS total,
         coalesce(sum(billed_cost_usd) FILTER (WHERE ${IS_AI}), 0)::text AS ai,
         count(*) AS lines, count(*) FILTER (WHERE ${IS_AI}) AS ai_lines
       FROM cost_lines WHERE ${w} GROUP BY 1, 2, 3 ORDER BY 2, 1, 3`,
      params,
    ),
    conn.query<{ cloud: string; month: string; currency: string; service: string; billed: string }>(
      `SELECT ${CLOUD} AS cloud, ${MONTH} AS month, currency, coalesce(service, 'unnamed service') AS service,
         sum(billed_cost_usd)::text AS billed
       FROM cost_lines WHERE ${w} AND ${IS_AI} GROUP BY 1, 2, 3, 4`,
      params,
    ),
  ]);
  const byBill = new Map<string, { service: string; billed: string }[]>();
  for (const s of services) {
    const k = `${s.cloud}|${s.month}|${s.currency}`;
    byBill.set(k, [...(byBill.get(k) ?? []), { service: s.service, billed: s.billed }]);
  }
  return bills.map((b) => {
    const total = new Decimal(b.total);
    const top = (byBill.get(`${b.cloud}|${b.month}|${b.currency}`) ?? [])
      .sort((x, y) => new Decimal(y.billed).abs().cmp(new Decimal(x.billed).abs()) || x.service.localeCompare(y.service))
      .slice(0, 5);
    return {
      cloud: b.cloud,
      month: b.month,
      currency: b.currency,
      billedTotal: b.total,
      billedAi: b.ai,
      aiSharePct: total.isZero() ? null : new Decimal(b.ai).div(total).times(100).toFixed(1),
      lines: Number(b.lines),
      aiLines: Number(b.ai_lines),
      aiServices: top,
    };
  });
}
