/**
 * Scenarios: the inputs of a run for a period (map, day-grain baseline, prices), one-call runs for
 * pages and the CLI, and saved scenarios (name, rules as applied, created).
 */
import { desc, eq } from 'drizzle-orm';
import type { ScenarioInput } from '../../lib/analysis/scenario';
import { type ScenarioRule, scenarioRulesSchema } from '../../lib/analysis/scenario-rules';
import { type PresetName, runScenario, type ScenarioResult } from '../../lib/analysis/scenario-run';
import type { Connection, Db } from '../client';
import { savedScenarios } from '../schema';
import { getBaselineLines, loadPriceBook } from './baseline';
import { getConfig } from './config';

export type { ScenarioResult } from '../../lib/analysis/scenario-run';

/** Everything a scenario run needs for [from, to] (UTC days, inclusive): day-grain lines for exact fallback prices. */
export async function loadScenarioInput(conn: Connection, period: { from: string; to: string }): Promise<ScenarioInput> {
  const [config, prices] = await Promise.all([getConfig(conn.db), loadPriceBook(conn)]);
  const lines = await getBaselineLines(conn, config, { ...period, grain: 'day' }, prices);
  return { config, from: period.from, to: period.to, lines, prices };
}

/** Loads the inputs and runs the rules (presets first). Throws ScenarioError when a rule does not fit the map. */
export async function loadScenario(
  conn: Connection,
  period: { from: string; to: string },
  rules: readonly ScenarioRule[],
  presets: readonly PresetName[] = [],
): Promise<ScenarioResult> {
  return runScenario(await loadScenarioInput(conn, period), rules, presets);
}

export interface SavedScenario {
  id: number;
  name: string;
  rules: ScenarioRule[];
  createdAt: Date;
}

function parseRules(rules: unknown): ScenarioRule[] {
  const r = scenarioRulesSchema.safeParse(rules);
  if (!r.success) throw new Error(`invalid scenario rules: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

const toSaved = (r: typeof savedScenarios.$inferSelect): SavedScenario => ({
  id: r.id,
  name: r.name,
  rules: parseRules(r.rules),
  createdAt: r.createdAt,
});

/**
 * Saves the rules under `name` (validated first; throws on invalid rules). Saving an existing name
 * replaces its rules and keeps its id and creation time.
 */
export async function saveScenario(db: Db, name: string, rules: readonly ScenarioRule[]): Promise<SavedScenario> {
  const valid = parseRules(rules);
  const trimmed = name.trim();
  if (!trimmed) throw new Error('a scenario needs a name');
  const [row] = await db
    .insert(savedScenarios)
    .values({ name: trimmed, rules: valid })
    .onConflictDoUpdate({ target: savedScenarios.name, set: { rules: valid } })
    .returning();
  return toSaved(row);
}

/** Newest first. */
export async function listScenarios(db: Db): Promise<SavedScenario[]> {
  return (await db.select().from(savedScenarios).orderBy(desc(savedScenarios.createdAt), desc(savedScenarios.id))).map(toSaved);
}

export async function getScenario(db: Db, id: number): Promise<SavedScenario | null> {
  const [row] = await db.select().from(savedScenarios).where(eq(savedScenarios.id, id));
  return row ? toSaved(row) : null;
}

/** True when a scenario was deleted. */
export async function deleteScenario(db: Db, id: number): Promise<boolean> {
  return (await db.delete(savedScenarios).where(eq(savedScenarios.id, id)).returning({ id: savedScenarios.id })).length > 0;
}
