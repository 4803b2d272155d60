/**
 * Test data for the finance queries and exports: ~2,400 usage events spread over 2026-02-25 ..
 * 2026-04-05 (so March has neighbours on both sides, including events at the month's last
 * microsecond and the next month's first), amounts with ten decimals, unpriced events, unknown
 * reasoning, vendor-stated billed costs (xai), bucket rows, NULL teams/workflows, and hostile labels
 * (spreadsheet formulas, leading tab / CR) in team, workflow and model. Invoice lines cover daily
 * usage, a subscription, a credit, an 11-decimal cloud line and lines outside March.
 * Expected figures are always recomputed from the tables with SQL, never hard-coded from this file.
 */
import type { Connection } from '../client';
import { rebuildRollupDays } from './rollup';

export const HOSTILE = {
  team: '=HYPERLINK("http://evil.example","click")',
  teamTab: '\tTabbed team',
  workflow: "+cmd|' /C calc'!A0",
  workflowAt: '@SUM(A1)',
  workflowCr: '\rCR workflow',
  model: '-2+3',
} as const;

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: (string | null)[]) => `ARRAY[${xs.map((x) => (x === null ? 'NULL' : sqlText(x))).join(', ')}]::text[]`;

export async function seedFinanceFixture(conn: Connection): Promise<void> {
  const teams = arr(['core', 'growth', null, HOSTILE.team, HOSTILE.teamTab]);
  const workflows = arr(['chat', 'extract', 'summarise', null, HOSTILE.workflow, HOSTILE.workflowAt, HOSTILE.workflowCr]);
  await conn.query(`
    INSERT INTO usage_events (dedupe_key, occurred_at, period_seconds, request_count, vendor, model, model_creator, input_tokens,
      cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, billed_cost_usd, list_cost_usd, project, api_key,
      user_id, team, workflow, environment, success, source)
    SELECT 'f:' || g, '2026-02-25T00:00:00Z'::timestamptz + ((g * 1237) % (40 * 86400)) * interval '1 second' + (g % 1000) * interval '1 microsecond',
           CASE WHEN g % 50 = 0 THEN 3600 ELSE 0 END, CASE WHEN g % 50 = 0 THEN 20 ELSE 1 END,
           v.vendor, v.model, v.vendor, 100 + g % 900, (g % 3) * 10, (g % 2) * 5, 50 + g % 400,
           CASE WHEN g % 4 = 0 OR g % 50 = 0 THEN NULL ELSE g % 50 END,
           CASE WHEN v.vendor = 'xai' THEN round(c.list * 0.9, 10) END,
           c.list, (ARRAY['p1', 'p2', NULL])[1 + g % 3], 'key-' || (g % 4), 'u' || (g % 11),
           (${teams})[1 + g % 5], (${workflows})[1 + (g / 3) % 7], (ARRAY['production', 'staging'])[1 + (g / 5) % 2],
           CASE g % 3 WHEN 0 THEN NULL WHEN 1 THEN true ELSE false END, 'test'
      FROM generate_series(1, 2400) g,
           LATERAL (SELECT CASE g % 4 WHEN 0 THEN 'openai' WHEN 1 THEN 'anthropic' WHEN 2 THEN 'xai' ELSE 'openai' END AS vendor) v0,
           LATERAL (SELECT v0.vendor, CASE v0.vendor WHEN 'openai' THEN (CASE WHEN g % 8 = 3 THEN ${sqlText(HOSTILE.model)} ELSE 'gpt-5-mini' END)
                                      WHEN 'anthropic' THEN 'claude-haiku-4-5' ELSE 'grok-3-mini' END AS model) v,
           LATERAL (SELECT CASE WHEN g % 37 = 0 THEN NULL
                           ELSE ((g * 7919) % 1000003)::numeric / 10000000 + (g % 10)::numeric / 10000000000 END AS list) c`);
  // The month's edges: the last microsecond of March and the first of April.
  await conn.query(`
    INSERT INTO usage_events (dedupe_key, occurred_at, vendor, model, input_tokens, output_tokens, list_cost_usd, team, workflow, request_count, source)
    VALUES ('edge:1', '2026-03-31T23:59:59.999999Z', 'openai', 'gpt-5-mini', 10, 10, 0.0000000001, 'core', 'chat', 1, 'test'),
           ('edge:2', '2026-04-01T00:00:00Z', 'openai', 'gpt-5-mini', 10, 10, 1000, 'core', 'chat', 1, 'test'),
           ('edge:3', '2026-03-01T00:00:00Z', 'anthropic', 'claude-haiku-4-5', 10, 10, 0.3333333333, NULL, NULL, 1, 'test'),
           ('edge:4', '2026-02-28T23:59:59.999999Z', 'anthropic', 'claude-haiku-4-5', 10, 10, 1000, NULL, NULL, 1, 'test')`);
  await conn.query(`
    INSERT INTO cost_lines (dedupe_key, period_start, period_end, vendor, service, line_item, charge_category, model, billed_cost_usd, list_cost_usd, source)
    SELECT 'oa:' || d, '2026-03-01T00:00:00Z'::timestamptz + d * interval '1 day', '2026-03-02T00:00:00Z'::timestamptz + d * interval '1 day',
           'openai', 'completions', 'gpt-5-mini, input', 'usage', 'gpt-5-mini', (d + 1) * 1.2345678901, NULL, 'openai_costs'
      FROM generate_series(0, 30) d`);
  await conn.query(`
    INSERT INTO cost_lines (dedupe_key, period_start, period_end, vendor, service, line_item, charge_category, model, billed_cost_usd, list_cost_usd, source)
    VALUES ('an:sub', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', 'anthropic', 'Claude Team', 'seats', 'subscription', NULL, 100.00, NULL, 'test'),
           ('an:credit', '2026-03-15T00:00:00Z', '2026-03-16T00:00:00Z', 'anthropic', 'credits', ${sqlText('-SUM(1)')}, 'credit', NULL, -5.25, NULL, 'test'),
           ('aws:1', '2026-03-10T00:00:00Z', '2026-03-10T01:00:00Z', 'aws_bedrock', 'Amazon Bedrock', 'USE1-MP:USE1_InputTokenCount-Units', 'usage', 'claude-sonnet-4-5', 0.00000080001, 0.00000090001, 'focus'),
           ('oa:feb', '2026-02-28T00:00:00Z', '2026-03-01T00:00:00Z', 'openai', 'completions', 'gpt-5-mini, input', 'usage', 'gpt-5-mini', 999, NULL, 'openai_costs'),
           ('oa:apr', '2026-04-01T00:00:00Z', '2026-04-02T00:00:00Z', 'openai', 'completions', 'gpt-5-mini, input', 'usage', 'gpt-5-mini', 999, NULL, 'openai_costs')`);
  await conn.transaction((tx) => rebuildRollupDays(tx, '2026-02-20', '2026-04-10'));
}

/** Exact totals over usage_events and cost_lines for UTC days from..to, straight from the tables. */
export async function databaseTotals(
  conn: Connection,
  from: string,
  to: string,
): Promise<{ list: string; eventBilled: string; invoiceBilled: string; events: number }> {
  const range = `occurred_at >= ($1::date)::timestamp AT TIME ZONE 'UTC' AND occurred_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'`;
  const [[u], [c]] = await Promise.all([
    conn.query<Record<string, unknown>>(
      `SELECT coalesce(sum(list_cost_usd), 0)::text AS list, coalesce(sum(billed_cost_usd), 0)::text AS billed, count(*) AS n FROM usage_events WHERE ${range}`,
      [from, to],
    ),
    conn.query<Record<string, unknown>>(
      `SELECT coalesce(sum(billed_cost_usd), 0)::text AS billed FROM cost_lines WHERE ${range.replaceAll('occurred_at', 'period_start')}`,
      [from, to],
    ),
  ]);
  return { list: String(u.list), eventBilled: String(u.billed), invoiceBilled: String(c.billed), events: Number(u.n) };
}
