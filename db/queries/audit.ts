/**
 * loadAudit: runs the audit's bounded queries in parallel and assembles the report with
 * lib/analysis/audit.ts buildAudit. The pages and `itemized audit --json` both call it.
 */
import { type AuditRange, type AuditReport, buildAudit } from '../../lib/analysis/audit';
import type { VerificationInput } from '../../lib/analysis/verification';
import type { Connection } from '../client';
import { getAccuracyCells } from './accuracy';
import { getTaskCallsDistribution } from './loops';
import type { UsagePeriod } from './overview';
import { getBucketOutputCostBy, getHiddenReasoningBy } from './reasoning';

export type VerificationRow = VerificationInput;

/** usage_daily sums per (model, workflow): the inputs of unverified spend and cost per verified success. */
export async function getVerificationRows(conn: Connection, p: UsagePeriod): Promise<VerificationRow[]> {
  const params: unknown[] = [p.from, p.to];
  const c = ['day >= $1::date', 'day <= $2::date'];
  for (const k of ['vendor', 'team', 'workflow'] as const) {
    const v = p[k];
    if (v) {
      params.push(v);
      c.push(`${k} = $${params.length}`);
    }
  }
  const rows = await conn.query<Record<string, unknown>>(
    `SELECT model, workflow, coalesce(sum(events), 0)::text AS events, trim_scale(sum(list_cost_usd))::text AS list_cost,
            trim_scale(sum(unverified_list_cost_usd))::text AS unverified, trim_scale(sum(success_list_cost_usd))::text AS success_cost,
            coalesce(sum(outcome_events), 0)::text AS outcomes, coalesce(sum(success_events), 0)::text AS successes
       FROM usage_daily WHERE ${c.join(' AND ')}
      GROUP BY model, workflow ORDER BY workflow NULLS LAST, model NULLS LAST`,
    params,
  );
  return rows.map((r) => ({
    model: (r.model as string | null) ?? null,
    workflow: (r.workflow as string | null) ?? null,
    events: Number(r.events),
    listCostUsd: (r.list_cost as string | null) ?? null,
    unverifiedListCostUsd: (r.unverified as string | null) ?? null,
    successListCostUsd: (r.success_cost as string | null) ?? null,
    outcomeEvents: Number(r.outcomes),
    successEvents: Number(r.successes),
  }));
}

export async function loadAudit(conn: Connection, range: AuditRange): Promise<AuditReport> {
  const [accuracyCells, hiddenByWorkflow, bucketCostByWorkflow, verification, taskCalls] = await Promise.all([
    getAccuracyCells(conn, range),
    getHiddenReasoningBy(conn, range, 'workflow'),
    getBucketOutputCostBy(conn, range, 'workflow'),
    getVerificationRows(conn, range),
    getTaskCallsDistribution(conn, range),
  ]);
  return buildAudit({ range, accuracyCells, hiddenByWorkflow, bucketCostByWorkflow, verification, taskCalls });
}
