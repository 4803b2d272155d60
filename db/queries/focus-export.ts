/**
 * The rows of the FOCUS export (lib/export/focus.ts): usage aggregated per UTC day and every rollup
 * dimension from usage_daily, and the invoice lines from cost_lines, both for a period and the
 * statement filters (a team or workflow filter leaves invoice lines out, as on the statement).
 * Declared flat-rate plans (the dependency map) add one row per plan and month, filtered as on the statement.
 * Bounded by the number of groups and invoice lines, never by the number of events.
 */
import { planCostByMonth, subscriptionInScope } from '../../lib/analysis/subscriptions';
import type { FocusInvoiceRow, FocusPlanRow, FocusUsageRow } from '../../lib/export/focus';
import type { StatementScope } from '../../lib/statement-types';
import type { Connection } from '../client';
import { getConfig } from './config';
import { eventDayRange, inList, moneyText, Params, toCount, toCountOrNull, toText } from './sql-params';

export async function getFocusExportRows(
  conn: Connection,
  scope: StatementScope,
): Promise<{ usage: FocusUsageRow[]; invoices: FocusInvoiceRow[]; plans: FocusPlanRow[]; invoicesIncluded: boolean }> {
  const f = scope.filters ?? {};
  const invoicesIncluded = !f.team && !f.workflow;
  const up = new Params();
  const uc = [`day >= ${up.add(scope.from)}::date AND day <= ${up.add(scope.to)}::date`];
  if (f.vendor) uc.push(inList('vendor', f.vendor, up));
  if (f.team) uc.push(inList('team', f.team, up));
  if (f.workflow) uc.push(inList('workflow', f.workflow, up));
  const ip = new Params();
  const ic = [eventDayRange(scope.from, scope.to, ip, 'period_start')];
  if (f.vendor) ic.push(inList('vendor', f.vendor, ip));
  const utc = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  const [usage, invoices, plans] = await Promise.all([
    conn.query(
      `SELECT day::text AS day, vendor, model, model_creator, team, workflow, project, environment,
              sum(events) AS events, sum(requests) AS requests, sum(input_tokens) AS input, sum(cached_input_tokens) AS cached,
              sum(cache_write_tokens) AS cache_write, sum(output_tokens) AS output,
              CASE WHEN sum(reasoning_known_events) > 0 THEN sum(reasoning_tokens) END AS reasoning,
              ${moneyText('sum(list_cost_usd)')} AS list, ${moneyText('sum(billed_cost_usd)')} AS billed, sum(unpriced_events) AS unpriced
         FROM usage_daily WHERE ${uc.join(' AND ')}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3 NULLS LAST, 5 NULLS LAST, 6 NULLS LAST, 7 NULLS LAST, 8 NULLS LAST, 4 NULLS LAST`,
      up.values,
    ),
    invoicesIncluded
      ? conn.query(
          `SELECT ${utc('period_start')} AS ps, ${utc('period_end')} AS pe, vendor, service, line_item, charge_category, model,
                  ${moneyText('billed_cost_usd')} AS billed, ${moneyText('list_cost_usd')} AS list, ${moneyText('quantity')} AS quantity,
                  quantity_unit, project, tags
             FROM cost_lines WHERE ${ic.join(' AND ')} ORDER BY period_start, vendor, id`,
          ip.values,
        )
      : Promise.resolve([]),
    getPlanRows(conn, scope),
  ]);
  return {
    invoicesIncluded,
    plans,
    usage: usage.map((r) => ({
      day: String(r.day),
      vendor: String(r.vendor),
      model: toText(r.model),
      modelCreator: toText(r.model_creator),
      team: toText(r.team),
      workflow: toText(r.workflow),
      project: toText(r.project),
      environment: toText(r.environment),
      events: toCount(r.events),
      requests: toCount(r.requests),
      inputTokens: toCount(r.input),
      cachedInputTokens: toCount(r.cached),
      cacheWriteTokens: toCount(r.cache_write),
      outputTokens: toCount(r.output),
      reasoningTokens: toCountOrNull(r.reasoning),
      listCostUsd: toText(r.list),
      billedCostUsd: toText(r.billed),
      unpricedEvents: toCount(r.unpriced),
    })),
    invoices: invoices.map((r) => ({
      periodStart: String(r.ps),
      periodEnd: String(r.pe),
      vendor: String(r.vendor),
      service: toText(r.service),
      lineItem: toText(r.line_item),
      chargeCategory: String(r.charge_category),
      model: toText(r.model),
      billedCostUsd: String(r.billed),
      listCostUsd: toText(r.list),
      quantity: toText(r.quantity),
      quantityUnit: toText(r.quantity_unit),
      project: toText(r.project),
      tags: (typeof r.tags === 'string' ? JSON.parse(r.tags) : r.tags) as Record<string, unknown> | null,
    })),
  };
}

/** The dependency map's plans in scope, one row per plan and calendar month of the period (prorated by days). */
async function getPlanRows(conn: Connection, scope: StatementScope): Promise<FocusPlanRow[]> {
  const config = await getConfig(conn.db);
  return config.subscriptions
    .filter((s) => subscriptionInScope(s, scope.filters ?? {}))
    .flatMap((s) =>
      planCostByMonth(s, scope.from, scope.to).map((m) => ({
        start: m.start,
        end: m.end,
        vendor: s.vendor,
        plan: s.plan,
        seats: s.seats,
        team: s.team,
        costUsd: m.costUsd,
      })),
    );
}
