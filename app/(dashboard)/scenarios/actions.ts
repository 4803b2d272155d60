'use server';

/**
 * Scenario mutations: save (name + rules in text form, as the URL carries them) and delete. Every
 * action starts with the role check (analysts and admins; finance reads scenarios nowhere).
 */
import { revalidatePath } from 'next/cache';
import { getConnection } from '@/db/client';
import { getConfig } from '@/db/queries/config';
import { deleteScenario, saveScenario } from '@/db/queries/scenarios';
import { parseRule, RuleError, type ScenarioRule, validateRules } from '@/lib/analysis/scenario-rules';
import { requireActionRole } from '@/lib/auth/guard';

export interface SaveScenarioState {
  ok: boolean;
  error?: string;
  fieldErrors?: { name?: string; rules?: string };
  saved?: { id: number; name: string };
}

const MAX_NAME = 120;

export async function saveScenarioAction(_prev: SaveScenarioState, form: FormData): Promise<SaveScenarioState> {
  await requireActionRole('admin', 'analyst');
  const name = String(form.get('name') ?? '').trim();
  const texts = form.getAll('rule').map(String);
  if (!name) return { ok: false, fieldErrors: { name: 'Give the scenario a name.' } };
  if (name.length > MAX_NAME) return { ok: false, fieldErrors: { name: `At most ${MAX_NAME} characters.` } };
  if (texts.length === 0) return { ok: false, fieldErrors: { rules: 'Run a scenario with at least one rule before saving it.' } };
  const rules: ScenarioRule[] = [];
  for (const t of texts) {
    try {
      rules.push(parseRule(t));
    } catch (e) {
      if (e instanceof RuleError) return { ok: false, fieldErrors: { rules: e.message } };
      throw e;
    }
  }
  try {
    const conn = await getConnection();
    const problems = validateRules(rules, await getConfig(conn.db));
    if (problems.length) return { ok: false, fieldErrors: { rules: problems.join('; ') } };
    const saved = await saveScenario(conn.db, name, rules);
    revalidatePath('/scenarios');
    return { ok: true, saved: { id: saved.id, name: saved.name } };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export async function deleteScenarioAction(form: FormData): Promise<void> {
  await requireActionRole('admin', 'analyst');
  const id = Number(form.get('id'));
  if (!Number.isInteger(id) || id <= 0) return;
  const conn = await getConnection();
  await deleteScenario(conn.db, id);
  revalidatePath('/scenarios');
}
