/**
 * Editing the dependency map one item at a time, for the Settings forms. Pure.
 *
 * An edit builds the whole new map and validates it exactly as an itemized.yaml import would
 * (exportConfigYaml -> parseConfigYaml: same schema, same messages), so the forms cannot store a map the
 * YAML file could not hold. Errors come back by field of the item edited; the rest are general.
 *
 * Match rules are typed one per line: `field=value, value; field=value` (every field of a line must
 * match; any line may). Fallbacks one per line: `vendor/model` (the model may contain slashes).
 */
import {
  type BudgetConfig,
  type ItemizedConfig,
  MATCH_FIELDS,
  type MatchField,
  type MatchRule,
  type SubscriptionConfig,
  type WorkflowConfig,
} from '@/lib/config/types';
import { exportConfigYaml, formatPath, parseConfigYaml } from '@/lib/config/yaml';

export type Section = 'workflows' | 'subscriptions' | 'budgets';

export interface EditResult {
  config?: ItemizedConfig;
  /** By itemized.yaml key of the edited item (e.g. "criticality", "match", "amount_usd"); "_item" for the item as a whole. */
  fieldErrors: Record<string, string>;
  /** Errors about other parts of the map, or the whole of it. */
  errors: string[];
}

export function matchToText(rules: readonly MatchRule[]): string {
  return rules
    .map((r) =>
      MATCH_FIELDS.filter((f) => r[f]?.length)
        .map((f) => `${f}=${r[f]!.join(', ')}`)
        .join('; '),
    )
    .join('\n');
}

/** Parses the match rules text; an error names the line. */
export function parseMatchText(text: string): { ok: true; rules: MatchRule[] } | { ok: false; error: string } {
  const rules: MatchRule[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const rule: MatchRule = {};
    for (const part of line.split(';')) {
      if (!part.trim()) continue;
      const eq = part.indexOf('=');
      const field = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (eq < 0 || !(MATCH_FIELDS as readonly string[]).includes(field))
        return {
          ok: false,
          error: `line ${i + 1}: expected field=value with a field among ${MATCH_FIELDS.join(', ')}, got "${part.trim()}"`,
        };
      const values = part
        .slice(eq + 1)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      if (values.length === 0) return { ok: false, error: `line ${i + 1}: ${field} has no value` };
      if (rule[field as MatchField]) return { ok: false, error: `line ${i + 1}: ${field} is given twice` };
      rule[field as MatchField] = values;
    }
    if (Object.keys(rule).length) rules.push(rule);
  }
  if (rules.length === 0) return { ok: false, error: 'give at least one rule, e.g. workflow=ticket-triage' };
  return { ok: true, rules };
}

export const fallbacksToText = (w: Pick<WorkflowConfig, 'fallbacks'>) => w.fallbacks.map((f) => `${f.vendor}/${f.model}`).join('\n');

export function parseFallbacksText(text: string): { ok: true; fallbacks: WorkflowConfig['fallbacks'] } | { ok: false; error: string } {
  const fallbacks: WorkflowConfig['fallbacks'] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const slash = line.indexOf('/');
    if (slash <= 0 || slash === line.length - 1)
      return { ok: false, error: `line ${i + 1}: expected vendor/model, e.g. anthropic/claude-haiku-4-5` };
    fallbacks.push({ vendor: line.slice(0, slash).trim(), model: line.slice(slash + 1).trim() });
  }
  return { ok: true, fallbacks };
}

/** Validates a whole map as an import of its YAML would; errors keep their path. */
export function validateConfig(config: ItemizedConfig): { path: string; message: string }[] {
  const parsed = parseConfigYaml(exportConfigYaml(config));
  return parsed.ok ? [] : parsed.errors.map((e) => ({ path: e.path, message: e.message }));
}

function check(config: ItemizedConfig, section: Section, index: number): EditResult {
  const prefix = formatPath([section, index]);
  const fieldErrors: Record<string, string> = {};
  const errors: string[] = [];
  for (const e of validateConfig(config)) {
    if (e.path === prefix || e.path.startsWith(`${prefix}.`) || e.path.startsWith(`${prefix}[`)) {
      const field = e.path.slice(prefix.length).replace(/^\./, '').split(/[.[]/)[0] || '_item';
      fieldErrors[field] ??= e.message;
    } else errors.push(`${e.path ? `${e.path}: ` : ''}${e.message}`);
  }
  return Object.keys(fieldErrors).length || errors.length ? { fieldErrors, errors } : { config, fieldErrors, errors };
}

const clampPosition = (p: number | undefined, length: number) =>
  p === undefined || !Number.isInteger(p) ? length : Math.min(Math.max(p, 0), length);

/**
 * Adds (original null) or replaces the workflow named `original`, at `position` (0-based; default: where
 * it was, or last). A rename carries the workflow's budgets along.
 */
export function upsertWorkflow(c: ItemizedConfig, original: string | null, w: WorkflowConfig, position?: number): EditResult {
  const at = original === null ? -1 : c.workflows.findIndex((x) => x.name === original);
  if (original !== null && at < 0)
    return { fieldErrors: {}, errors: [`no workflow named "${original}" (it may have been removed meanwhile)`] };
  const rest = c.workflows.filter((_, i) => i !== at);
  const pos = clampPosition(position ?? (at < 0 ? undefined : at), rest.length);
  const workflows = [...rest.slice(0, pos), w, ...rest.slice(pos)];
  const budgets =
    original !== null && original !== w.name
      ? c.budgets.map((b) => (b.scope === 'workflow' && b.name === original ? { ...b, name: w.name } : b))
      : c.budgets;
  return check({ ...c, workflows, budgets }, 'workflows', pos);
}

/** Removes a workflow; refused while budgets name it (remove or re-point them first). */
export function removeWorkflow(c: ItemizedConfig, name: string): EditResult {
  const used = c.budgets.filter((b) => b.scope === 'workflow' && b.name === name);
  if (used.length)
    return {
      fieldErrors: {},
      errors: [`"${name}" has ${used.length} budget(s): remove them first (a budget must name a declared workflow)`],
    };
  return { config: { ...c, workflows: c.workflows.filter((w) => w.name !== name) }, fieldErrors: {}, errors: [] };
}

function upsertAt<T>(list: readonly T[], index: number | null, item: T): { list: T[]; at: number } {
  if (index === null || index < 0 || index >= list.length) return { list: [...list, item], at: list.length };
  return { list: list.map((x, i) => (i === index ? item : x)), at: index };
}

export function upsertSubscription(c: ItemizedConfig, index: number | null, s: SubscriptionConfig): EditResult {
  const { list, at } = upsertAt(c.subscriptions, index, s);
  return check({ ...c, subscriptions: list }, 'subscriptions', at);
}

export function upsertBudget(c: ItemizedConfig, index: number | null, b: BudgetConfig): EditResult {
  const { list, at } = upsertAt(c.budgets, index, b);
  return check({ ...c, budgets: list }, 'budgets', at);
}

export function removeAt(c: ItemizedConfig, section: 'subscriptions' | 'budgets', index: number): ItemizedConfig {
  return section === 'subscriptions'
    ? { ...c, subscriptions: c.subscriptions.filter((_, i) => i !== index) }
    : { ...c, budgets: c.budgets.filter((_, i) => i !== index) };
}
