/**
 * `itemized audit --json [--from D] [--to D]`: the reasoning audit's findings per workflow (verdict,
 * knee, cap, savings, easy-task flag, unverified spend, loop class and multiple) and the totals.
 * Without --from/--to the period is the data's whole extent (usage_daily).
 */
import type { Connection } from '../db/client';
import { loadAudit } from '../db/queries/audit';
import type { AuditReport } from '../lib/analysis/audit';

export interface AuditCliOptions {
  from?: string;
  to?: string;
}

/** The JSON `itemized audit` prints: the report without bins and easy-task internals (the pages show those). */
export function auditJson(report: AuditReport) {
  return {
    range: report.range,
    totals: report.totals,
    workflows: report.workflows,
    models: report.accuracy
      .filter((f) => f.scope === 'model')
      .map((f) => ({
        model: f.model,
        workflow: f.workflow,
        measure: f.measure,
        outcomes: f.outcomes,
        verdict: f.verdict,
        flat: f.flat,
        needed: f.needed,
        rho: f.rho,
        knee:
          f.kneeBin === null ? null : { bin: f.kneeBin, minTokens: f.bins[f.kneeBin].minTokens, maxTokens: f.bins[f.kneeBin].maxTokens },
        capTokens: f.capTokens,
        savingsUsd: f.savingsUsd,
        expectedSuccessChange: f.expectedSuccessChange,
      })),
    loops: report.loops,
  };
}

export async function runAudit(conn: Connection, o: AuditCliOptions, out: (s: string) => void = (s) => process.stdout.write(s)) {
  let { from, to } = o;
  if (!from || !to) {
    const [ext] = await conn.query<{ first: string | null; last: string | null }>(
      'SELECT min(day)::text AS first, max(day)::text AS last FROM usage_daily',
    );
    from ??= ext?.first ?? new Date().toISOString().slice(0, 10);
    to ??= ext?.last ?? from;
  }
  const report = await loadAudit(conn, { from, to });
  // snake_case keys, like `summary --json`, for the people who pipe both into the same tools.
  const json = snakeKeys(auditJson(report));
  out(`${JSON.stringify(json, null, 2)}\n`);
  return json;
}

/** Recursively renames object keys from camelCase to snake_case (values untouched). */
export function snakeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snakeKeys);
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(x)]));
}
