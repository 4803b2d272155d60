/**
 * Every data read the dashboard pages make for a period, by page, with what each may read:
 *  - 'rollup': usage_daily or a further rollup of db/queries/rollups.ts (event pages: usage_length_cells,
 *    usage_task_days; user / api_key: usage_daily_keys), and cost_lines / config tables, never usage_events;
 *  - 'events': usage_events, with the reason it must. Such a read must use an index, or read only the
 *    monthly partitions its period overlaps (db/scale/plans.ts checks the plans).
 * The plan test (page-plans.test.ts) EXPLAINs the SQL each entry sends; bench/scale.ts times them. A page
 * query added or changed belongs here; one that starts reading usage_events fails the plan test.
 */
import { addDays } from '../../lib/analysis/timeseries';
import { EMPTY_CONFIG, type ItemizedConfig } from '../../lib/config/types';
import { FILTER_VALUE_LIMIT, parseExplorerView } from '../../lib/explorer-view';
import type { Connection } from '../client';
import { getAccuracyCells } from '../queries/accuracy';
import { getBaselineLines } from '../queries/baseline';
import { getDailySpend } from '../queries/daily-spend';
import { loadDependencies } from '../queries/dependencies';
import { queryExplorerView } from '../queries/explorer';
import { listFilterValues } from '../queries/explorer-filters';
import { listExplorerRequests } from '../queries/explorer-requests';
import { getLoopsPage, getTaskCalls } from '../queries/loops';
import * as overview from '../queries/overview';
import {
  getBucketOutputCostBy,
  getHiddenReasoningBy,
  getReasoningHistogram,
  getTopHiddenRequests,
  getTopHiddenTasks,
} from '../queries/reasoning';
import { getReconciliation } from '../queries/reconciliation';
import { loadScenarioInput } from '../queries/scenarios';
import { getMonthlyStatement } from '../queries/statement';

export interface PageContext {
  /** The period a page shows: UTC days, inclusive (the last 30 days of data). */
  from: string;
  to: string;
  /** The period before it (overview comparison). */
  prev: { from: string; to: string };
  /** A calendar month with data ("YYYY-MM"), for the statement and budgets. */
  month: string;
  /** A trace with several calls (loops drill-down). */
  traceId: string;
  /** A team present in the data (filters). */
  team: string;
  /** Maps used for attribution: rules on rollup fields only, and one with a rule on users. */
  rollupConfig: ItemizedConfig;
  userRuleConfig: ItemizedConfig;
}

export interface PageQuery {
  page: string;
  name: string;
  reads: 'rollup' | 'events';
  /** Why an 'events' read cannot come from the rollup. */
  why?: string;
  /** 'events' reads with no period (e.g. one trace) must use an index: no partition pruning applies. */
  indexOnly?: boolean;
  /** Where the period of the read is (for the partition check); default the context's from..to. */
  period?: (c: PageContext) => { from: string; to: string };
  run(conn: Connection, c: PageContext): Promise<unknown>;
}

const wf = (name: string, match: ItemizedConfig['workflows'][number]['match']) => ({
  name,
  team: 'platform',
  criticality: 'important' as const,
  description: null,
  match,
  fallbacks: [],
});
const ROLLUP_MAP: ItemizedConfig = {
  ...EMPTY_CONFIG,
  workflows: [wf('triage', [{ workflow: ['ticket-triage'] }]), wf('proj', [{ project: ['proj_3'] }])],
};
const USER_RULE_MAP: ItemizedConfig = { ...ROLLUP_MAP, workflows: [...ROLLUP_MAP.workflows, wf('vip', [{ user: ['user_7', 'user_8'] }])] };

/** The context for data made by bench/gen-lines.ts whose last day is `lastDay`: its last 30 days, the month before. */
export function generatedDataContext(lastDay: string): PageContext {
  const from = addDays(lastDay, -29);
  const d = new Date(`${lastDay}T00:00:00Z`);
  const prevMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  return {
    from,
    to: lastDay,
    prev: { from: addDays(from, -30), to: addDays(from, -1) },
    month: prevMonth,
    traceId: 'trace_1000',
    team: 'research',
    rollupConfig: ROLLUP_MAP,
    userRuleConfig: USER_RULE_MAP,
  };
}

export const PAGE_QUERIES: PageQuery[] = [
  // Overview (/): every card, as the page loads them.
  { page: '/', name: 'data extent', reads: 'rollup', run: (conn) => overview.getDataExtent(conn.db) },
  { page: '/', name: 'usage totals', reads: 'rollup', run: (conn, c) => overview.getUsageTotals(conn.db, c) },
  { page: '/', name: 'usage totals, previous period', reads: 'rollup', run: (conn, c) => overview.getUsageTotals(conn.db, c.prev) },
  { page: '/', name: 'billed totals', reads: 'rollup', run: (conn, c) => overview.getBilledTotals(conn.db, c) },
  { page: '/', name: 'daily spend by vendor', reads: 'rollup', run: (conn, c) => overview.getDailyListSpendByVendor(conn.db, c) },
  { page: '/', name: 'reasoning by model', reads: 'rollup', run: (conn, c) => overview.getReasoningByModel(conn.db, c) },
  { page: '/', name: 'unpriced usage', reads: 'rollup', run: (conn, c) => overview.getUnpricedUsage(conn.db, c) },
  { page: '/', name: 'top models', reads: 'rollup', run: (conn, c) => overview.getTopModels(conn.db, c) },
  { page: '/', name: 'top workflows', reads: 'rollup', run: (conn, c) => overview.getTopWorkflows(conn.db, c) },
  { page: '/', name: 'filter options', reads: 'rollup', run: (conn) => overview.getFilterOptions(conn.db) },
  // Spend explorer: one row per URL, each what one request of it runs (the view and the filter panel's lists).
  ...explorerRequest('/explorer'),
  ...explorerRequest('/explorer?group=team,workflow&grain=week&vendor=openai&q=e'),
  ...explorerRequest('/explorer?group=vendor&grain=month&from=2000-01-01&to=2100-12-31'),
  // Over user / api_key: the key rollup (usage_daily_keys), never events.
  ...explorerRequest('/explorer?group=user'),
  ...explorerRequest('/explorer?group=api_key,team&team=research'),
  {
    page: '/explorer/requests',
    name: 'drill-down, first and second page (keyset)',
    reads: 'events',
    why: 'shows the requests themselves',
    run: async (conn, c) => {
      const q = { from: c.from, to: c.to, filters: { team: [c.team] }, limit: 100 };
      const first = await listExplorerRequests(conn, q);
      return listExplorerRequests(conn, { ...q, cursor: first.nextCursor });
    },
  },
  // Monthly statement and budgets.
  { page: '/statement', name: 'monthly statement', reads: 'rollup', run: (conn, c) => getMonthlyStatement(conn, c.month) },
  {
    page: '/budgets',
    name: 'daily spend: total, per team, per workflow',
    reads: 'rollup',
    run: (conn, c) => Promise.all((['total', 'team', 'workflow'] as const).map((by) => getDailySpend(conn, { ...c, by }))),
  },
  { page: '/reconciliation', name: 'reconciliation', reads: 'rollup', run: (conn, c) => getReconciliation(conn, c) },
  // Dependencies and scenarios: the attributed baseline.
  { page: '/dependencies', name: 'dependencies (stored map)', reads: 'rollup', run: (conn, c) => loadDependencies(conn, c) },
  {
    page: '/dependencies',
    name: 'baseline, map with rollup-field rules',
    reads: 'rollup',
    run: (conn, c) => getBaselineLines(conn, c.rollupConfig, { ...c, grain: 'month' }),
  },
  {
    page: '/dependencies',
    name: 'baseline, map with a rule on users',
    reads: 'rollup',
    run: (conn, c) => getBaselineLines(conn, c.userRuleConfig, { ...c, grain: 'month' }),
  },
  { page: '/scenarios', name: 'scenario inputs (stored map)', reads: 'rollup', run: (conn, c) => loadScenarioInput(conn, c) },
  {
    page: '/scenarios',
    name: 'baseline, map with a rule on users',
    reads: 'rollup',
    run: (conn, c) => getBaselineLines(conn, c.userRuleConfig, { ...c, grain: 'day' }),
  },
  // Reasoning audit.
  { page: '/reasoning', name: 'hidden reasoning by model/team/workflow/day', reads: 'rollup', run: (conn, c) => hidden(conn, c) },
  { page: '/reasoning', name: 'bucket output cost by model', reads: 'rollup', run: (conn, c) => getBucketOutputCostBy(conn, c, 'model') },
  { page: '/reasoning', name: 'reasoning histogram', reads: 'rollup', run: (conn, c) => getReasoningHistogram(conn, c) },
  {
    page: '/reasoning',
    name: 'top hidden requests',
    reads: 'events',
    why: 'shows single requests: read in order from the partial index on hidden spend, stopping at the limit',
    indexOnly: true,
    run: (conn, c) => getTopHiddenRequests(conn, c),
  },
  { page: '/reasoning', name: 'top hidden tasks', reads: 'rollup', run: (conn, c) => getTopHiddenTasks(conn, c) },
  { page: '/accuracy', name: 'accuracy cells', reads: 'rollup', run: (conn, c) => getAccuracyCells(conn, c) },
  { page: '/loops', name: 'calls per task and expensive tasks', reads: 'rollup', run: (conn, c) => getLoopsPage(conn, c) },
  {
    page: '/loops',
    name: 'calls of one task',
    reads: 'events',
    why: 'shows the calls themselves',
    indexOnly: true,
    run: (conn, c) => getTaskCalls(conn, c.traceId),
  },
];

/**
 * What one request of an explorer URL reads, parsed as the page parses it: the view over its period (the URL's from/to,
 * else the context's) and, in parallel, the filter panel's value lists (listFilterValues).
 */
function explorerRequest(url: string): PageQuery[] {
  const view = parseExplorerView(new URL(url, 'http://x').searchParams);
  const period = (c: PageContext) => ({ from: view.from ?? c.from, to: view.to ?? c.to });
  const label = `${view.groupBy.join(' x ')}${view.grain ? ` by ${view.grain}` : ''}`;
  return [
    { page: url, name: `view: ${label}`, reads: 'rollup', period, run: (conn, c) => queryExplorerView(conn, view, period(c)) },
    {
      page: url,
      name: 'filter values of every dimension',
      reads: 'rollup',
      period,
      run: (conn, c) => listFilterValues(conn, { ...period(c), limit: FILTER_VALUE_LIMIT }),
    },
  ];
}

function hidden(conn: Connection, c: PageContext) {
  return Promise.all((['model', 'team', 'workflow', 'day'] as const).map((by) => getHiddenReasoningBy(conn, c, by)));
}

/** Pages in catalogue order with their queries (the bench times a page as all of its queries in parallel). */
export function pagesOf(queries: readonly PageQuery[] = PAGE_QUERIES): Map<string, PageQuery[]> {
  const m = new Map<string, PageQuery[]>();
  for (const q of queries) m.set(q.page, [...(m.get(q.page) ?? []), q]);
  return m;
}
