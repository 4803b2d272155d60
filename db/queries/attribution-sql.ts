/**
 * Compiles the dependency map's match rules (lib/config/types.ts) into SQL CASE expressions that give
 * each usage row its workflow and covering subscription (their 0-based positions in the config).
 * Every config value travels as a bind parameter; only positions (integers we generate) are inlined.
 *
 * Rollup first, events only where they decide. usage_daily carries workflow, project, team,
 * environment, vendor and source, but not api_key or user. Walking the workflows in order over a
 * rollup row, a rule on rollup fields alone either matches (the row is decided) or not; a rule that
 * also names api_key/user can only be decided per event, so when its rollup fields match, the CASE
 * yields -1 ("events decide") and stops there, because an earlier workflow wins over any later one.
 * Subscriptions with `users` do the same. Callers read rows that are decided from usage_daily, and for
 * rows marked -1 read usage_daily_keys (same rollup CASE over its columns = -1), which keeps user_id and
 * api_key with every other rule field, so the full rules apply to its rows as to each of their events. The
 * result is exactly what evaluating every rule on every event would give, reading no event. RowKind
 * 'events' (raw usage_events columns) remains for callers that need single events.
 */
import { EVENT_ONLY_FIELDS, type ItemizedConfig, type MatchField, type MatchRule } from '../../lib/config/types';

/** Positional bind parameters shared by every fragment of one statement. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** The row being matched: usage_daily (rollup) or usage_events (events), optionally under an alias. */
export interface RowKind {
  kind: 'rollup' | 'events';
  alias?: string;
}

const COLUMN: Record<MatchField, string> = {
  workflow: 'workflow',
  project: 'project',
  team: 'team',
  environment: 'environment',
  vendor: 'vendor',
  source: 'source',
  api_key: 'api_key',
  user: 'user_id',
};

const col = (row: RowKind, c: string) => (row.alias ? `${row.alias}.${c}` : c);
/** The UTC day of the row. */
export const dayExpr = (row: RowKind) =>
  row.kind === 'rollup' ? col(row, 'day') : `(${col(row, 'occurred_at')} AT TIME ZONE 'UTC')::date`;

const inList = (expr: string, values: readonly string[], p: SqlParams) => `${expr} IN (${values.map((v) => p.add(v)).join(', ')})`;

const eventOnly = (f: MatchField) => EVENT_ONLY_FIELDS.includes(f);
const ruleNeedsEvents = (r: MatchRule) => (Object.keys(r) as MatchField[]).some(eventOnly);

/** AND of the rule's fields; `only` keeps the rollup fields (the part a rollup row can check). */
function ruleSql(r: MatchRule, row: RowKind, p: SqlParams, only: 'all' | 'rollup'): string {
  const parts = (Object.keys(r) as MatchField[])
    .filter((f) => only === 'all' || !eventOnly(f))
    .map((f) => inList(col(row, COLUMN[f]), r[f]!, p));
  return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
}

const anyOf = (parts: string[]) => (parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`);

/** True when attribution must read events for some rows (a rule on api_key/user, or a subscription with users). */
export function attributionNeedsEvents(c: ItemizedConfig): boolean {
  return c.workflows.some((w) => w.match.some(ruleNeedsEvents)) || c.subscriptions.some((s) => s.users.length > 0);
}

/**
 * Workflow position for a row. On the rollup, or with `decide: 'rollup'` on events (to select the
 * events a rollup row would defer), -1 means "events decide"; with `decide: 'events'` the full rules
 * apply. NULL = no workflow matches.
 */
export function workflowCase(c: ItemizedConfig, row: RowKind, p: SqlParams, decide: 'rollup' | 'events' = row.kind): string {
  const whens: string[] = [];
  c.workflows.forEach((w, i) => {
    if (decide === 'events') {
      whens.push(`WHEN ${anyOf(w.match.map((r) => ruleSql(r, row, p, 'all')))} THEN ${i}`);
      return;
    }
    const plain = w.match.filter((r) => !ruleNeedsEvents(r));
    const deferred = w.match.filter(ruleNeedsEvents);
    if (plain.length) whens.push(`WHEN ${anyOf(plain.map((r) => ruleSql(r, row, p, 'all')))} THEN ${i}`);
    if (deferred.length) whens.push(`WHEN ${anyOf(deferred.map((r) => ruleSql(r, row, p, 'rollup')))} THEN -1`);
  });
  return whens.length ? `(CASE ${whens.join(' ')} END)` : 'NULL::int';
}

/** Covering subscription position for a row; -1 = events decide (a plan with users), NULL = metered. */
export function subscriptionCase(c: ItemizedConfig, row: RowKind, p: SqlParams, decide: 'rollup' | 'events' = row.kind): string {
  const day = dayExpr(row);
  const whens = c.subscriptions.map((s, i) => {
    const conds = [`${col(row, 'vendor')} = ${p.add(s.vendor)}`, inList(col(row, 'source'), s.covers, p)];
    if (s.periodStart) conds.push(`${day} >= ${p.add(s.periodStart)}::date`);
    if (s.periodEnd) conds.push(`${day} <= ${p.add(s.periodEnd)}::date`);
    if (s.users.length === 0) return `WHEN ${conds.join(' AND ')} THEN ${i}`;
    if (decide === 'rollup') return `WHEN ${conds.join(' AND ')} THEN -1`;
    const user = col(row, 'user_id');
    return `WHEN ${conds.join(' AND ')} AND (${user} IS NULL OR ${inList(user, s.users, p)}) THEN ${i}`;
  });
  return whens.length ? `(CASE ${whens.join(' ')} END)` : 'NULL::int';
}

/**
 * Condition selecting the events whose rollup row is deferred to events (either CASE gave -1). It
 * starts with a cheap necessary condition (the rollup fields of the rules and plans that can defer),
 * so that the CASE expressions run only on the events that might be deferred.
 */
export function deferredToEvents(c: ItemizedConfig, row: RowKind, p: SqlParams): string {
  const could = [
    ...c.workflows.flatMap((w) => w.match.filter(ruleNeedsEvents).map((r) => ruleSql(r, row, p, 'rollup'))),
    ...c.subscriptions
      .filter((s) => s.users.length > 0)
      .map((s) => `(${col(row, 'vendor')} = ${p.add(s.vendor)} AND ${inList(col(row, 'source'), s.covers, p)})`),
  ];
  const prefilter = could.length ? anyOf(could) : 'FALSE';
  return `(${prefilter} AND (${workflowCase(c, row, p, 'rollup')} = -1 OR ${subscriptionCase(c, row, p, 'rollup')} = -1))`;
}
