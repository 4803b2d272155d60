/**
 * The dependency map in the database: read it whole (getConfig), replace it whole in one transaction
 * (replaceConfig / importConfigYaml: all or nothing), and find what it does not cover yet
 * (getUncoveredSuggestions).
 */
import { asc } from 'drizzle-orm';
import { type ItemizedConfig, MATCH_FIELDS, type MatchRule } from '../../lib/config/types';
import { type ConfigError, ConfigValidationError, parseConfigYaml, validateConfig } from '../../lib/config/yaml';
import type { Connection, Db } from '../client';
import { budgets, subscriptions, workflows } from '../schema';
import { attributionNeedsEvents, SqlParams, workflowCase } from './attribution-sql';

/** The whole map in declared order. Amounts come back with the scale they were written with. */
export async function getConfig(db: Db): Promise<ItemizedConfig> {
  const [w, s, b] = await Promise.all([
    db.select().from(workflows).orderBy(asc(workflows.position)),
    db.select().from(subscriptions).orderBy(asc(subscriptions.position)),
    db.select().from(budgets).orderBy(asc(budgets.position)),
  ]);
  return {
    version: 1,
    workflows: w.map((r) => ({
      name: r.name,
      team: r.team,
      criticality: r.criticality,
      description: r.description,
      // Field order is canonical (MATCH_FIELDS) whatever order jsonb returns keys in.
      match: r.match.map((rule) => Object.fromEntries(MATCH_FIELDS.filter((f) => rule[f]).map((f) => [f, rule[f]])) as MatchRule),
      fallbacks: r.fallbacks,
    })),
    subscriptions: s.map((r) => ({
      vendor: r.vendor,
      plan: r.plan,
      seats: r.seats,
      monthlyPricePerSeatUsd: r.monthlyPricePerSeatUsd,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      team: r.team,
      users: r.users,
      covers: r.covers,
    })),
    budgets: b.map((r) => ({ scope: r.scope, name: r.name, month: r.month, amountUsd: r.amountUsd })),
  };
}

/**
 * Replaces the whole map (workflows, subscriptions, budgets) in one transaction. Throws
 * ConfigValidationError (with every error by path) and writes nothing when the map breaks a rule of
 * the file format, so a settings form can call it directly.
 */
export async function replaceConfig(db: Db, c: ItemizedConfig): Promise<void> {
  const errors = validateConfig(c);
  if (errors.length) throw new ConfigValidationError(errors);
  await db.transaction(async (tx) => {
    await tx.delete(budgets);
    await tx.delete(subscriptions);
    await tx.delete(workflows);
    if (c.workflows.length)
      await tx.insert(workflows).values(
        c.workflows.map((w, position) => ({
          position,
          name: w.name,
          team: w.team,
          criticality: w.criticality,
          description: w.description,
          match: w.match,
          fallbacks: w.fallbacks,
        })),
      );
    if (c.subscriptions.length)
      await tx.insert(subscriptions).values(
        c.subscriptions.map((s, position) => ({
          position,
          vendor: s.vendor,
          plan: s.plan,
          seats: s.seats,
          monthlyPricePerSeatUsd: s.monthlyPricePerSeatUsd,
          periodStart: s.periodStart,
          periodEnd: s.periodEnd,
          team: s.team,
          users: s.users,
          covers: s.covers,
        })),
      );
    if (c.budgets.length)
      await tx
        .insert(budgets)
        .values(c.budgets.map((b, position) => ({ position, scope: b.scope, name: b.name, month: b.month, amountUsd: b.amountUsd })));
  });
}

export type ImportResult = { ok: true; config: ItemizedConfig } | { ok: false; errors: ConfigError[] };

/** Validates itemized.yaml text and, only when it has no error, replaces the map with it. */
export async function importConfigYaml(db: Db, text: string): Promise<ImportResult> {
  const parsed = parseConfigYaml(text);
  if (!parsed.ok) return parsed;
  await replaceConfig(db, parsed.config);
  return parsed;
}

export interface CoverageSuggestion {
  /** A workflow tag (usage metadata.workflow) or a project seen in the data. */
  kind: 'workflow_tag' | 'project';
  value: string;
  /** Usage events (requests or buckets) with this value that no workflow rule matches. */
  events: number;
  /** Their list cost (USD); null when all of it is unpriced. */
  listCostUsd: string | null;
  firstDay: string;
  lastDay: string;
}

/**
 * Workflow tags and projects of usage that no workflow's rules attribute: candidates for new workflows
 * or rules, largest list cost first. `period` bounds the days read (UTC, inclusive); default all data.
 */
export async function getUncoveredSuggestions(
  conn: Connection,
  config: ItemizedConfig,
  period?: { from: string; to: string },
): Promise<CoverageSuggestion[]> {
  const p = new SqlParams();
  const from = p.add(period?.from ?? '0001-01-01');
  const to = p.add(period?.to ?? '9999-12-31');
  const rollup = { kind: 'rollup' as const };
  // Rows a rule on users or keys decides: from usage_daily_keys, which keeps both (and every other rule field).
  const keys = { kind: 'rollup' as const };
  const parts = [
    `SELECT workflow, project, events, list_cost_usd AS list, day FROM usage_daily
      WHERE day BETWEEN ${from}::date AND ${to}::date AND ${workflowCase(config, rollup, p)} IS NULL`,
  ];
  if (attributionNeedsEvents(config))
    parts.push(`SELECT workflow, project, events, list_cost_usd, day FROM usage_daily_keys
      WHERE day BETWEEN ${from}::date AND ${to}::date
        AND ${workflowCase(config, keys, p, 'rollup')} = -1 AND ${workflowCase(config, keys, p, 'events')} IS NULL`);
  const rows = await conn.query<Record<string, unknown>>(
    `WITH u AS (${parts.join(' UNION ALL ')}),
     s AS (SELECT 'workflow_tag' AS kind, workflow AS value, sum(events) AS events, sum(list) AS list, min(day) AS first_day,
                  max(day) AS last_day FROM u WHERE workflow IS NOT NULL GROUP BY workflow
           UNION ALL
           SELECT 'project', project, sum(events), sum(list), min(day), max(day) FROM u WHERE project IS NOT NULL GROUP BY project)
     SELECT kind, value, events::text AS events, trim_scale(list)::text AS list_cost, first_day::text AS first_day, last_day::text AS last_day
       FROM s ORDER BY s.list DESC NULLS LAST, kind, value`,
    p.values,
  );
  return rows.map((r) => ({
    kind: r.kind as CoverageSuggestion['kind'],
    value: String(r.value),
    events: Number(r.events),
    listCostUsd: (r.list_cost as string | null) ?? null,
    firstDay: String(r.first_day),
    lastDay: String(r.last_day),
  }));
}
