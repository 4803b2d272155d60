'use server';

/**
 * Every change to the dependency map from the UI: workflows, subscriptions and budgets one at a time, and
 * itemized.yaml import. Each action starts with the role check (admins: these are settings), builds the
 * whole new map, validates it as an import would (config-edit.ts) and replaces the map in one
 * transaction, and writes the change to the audit log. They return { ok, error?, errors?, fieldErrors? };
 * success redirects back to the list.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getConnection } from '@/db/client';
import { getConfig, importConfigYaml, replaceConfig } from '@/db/queries/config';
import { audit } from '@/lib/auth/audit';
import { requireActionRole } from '@/lib/auth/guard';
import type { Actor } from '@/lib/auth/policy';
import { CRITICALITIES, type Criticality, type ItemizedConfig, isSourceId } from '@/lib/config/types';
import type { ConfigError } from '@/lib/config/yaml';
import type { SourceId } from '@/lib/ingest/types';
import {
  type EditResult,
  parseFallbacksText,
  parseMatchText,
  removeAt,
  removeWorkflow,
  upsertBudget,
  upsertSubscription,
  upsertWorkflow,
} from './config-edit';

export interface FormState {
  ok: boolean;
  /** General errors (other parts of the map). */
  errors?: string[];
  fieldErrors?: Record<string, string>;
  /** Import only: validation errors by line. */
  importErrors?: ConfigError[];
  /** What was submitted, so that a refused form shows it again beside its errors (React resets forms after an action). */
  values?: Record<string, string[]>;
}

function formValues(f: FormData): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of f.entries()) {
    if (typeof v !== 'string' || k.startsWith('$')) continue;
    out[k] = [...(out[k] ?? []), v];
  }
  return out;
}

const PAGE = '/settings/workflows';
const MAX_YAML_BYTES = 1_000_000;

const str = (f: FormData, k: string) => String(f.get(k) ?? '').trim();
const orNull = (s: string) => (s === '' ? null : s);

async function commit(
  actor: Actor,
  f: FormData,
  edit: (c: ItemizedConfig) => EditResult,
  saved: string,
  anchor: string,
): Promise<FormState> {
  const conn = await getConnection();
  const r = edit(await getConfig(conn.db));
  if (!r.config) return { ok: false, errors: r.errors, fieldErrors: r.fieldErrors, values: formValues(f) };
  await replaceConfig(conn.db, r.config);
  await audit(actor, 'settings.change', `dependency map: ${anchor}`, { change: saved });
  revalidatePath('/', 'layout');
  redirect(`${PAGE}?saved=${encodeURIComponent(saved)}#${anchor}`);
}

export async function saveWorkflowAction(_prev: FormState, f: FormData): Promise<FormState> {
  const actor = await requireActionRole('admin');
  const match = parseMatchText(str(f, 'match'));
  const fallbacks = parseFallbacksText(str(f, 'fallbacks'));
  const criticality = str(f, 'criticality');
  const fieldErrors: Record<string, string> = {};
  if (!match.ok) fieldErrors.match = match.error;
  if (!fallbacks.ok) fieldErrors.fallbacks = fallbacks.error;
  if (!(CRITICALITIES as readonly string[]).includes(criticality)) fieldErrors.criticality = `expected one of ${CRITICALITIES.join('|')}`;
  const position = str(f, 'position');
  if (position && !/^[1-9]\d{0,4}$/.test(position)) fieldErrors.position = 'expected a whole number, 1 for first';
  if (Object.keys(fieldErrors).length || !match.ok || !fallbacks.ok) return { ok: false, fieldErrors, values: formValues(f) };
  const name = str(f, 'name');
  const original = orNull(str(f, 'original'));
  const workflow = {
    name,
    team: str(f, 'team'),
    criticality: criticality as Criticality,
    description: orNull(str(f, 'description')),
    match: match.rules,
    fallbacks: fallbacks.fallbacks,
  };
  return commit(
    actor,
    f,
    (c) => upsertWorkflow(c, original, workflow, position ? Number(position) - 1 : undefined),
    `Workflow “${name}” saved.`,
    'workflows',
  );
}

export async function saveSubscriptionAction(_prev: FormState, f: FormData): Promise<FormState> {
  const actor = await requireActionRole('admin');
  const covers = f.getAll('covers').map(String);
  const bad = covers.filter((c) => !isSourceId(c));
  if (bad.length) return { ok: false, fieldErrors: { covers: `unknown source: ${bad.join(', ')}` }, values: formValues(f) };
  const seats = str(f, 'seats');
  const index = str(f, 'index');
  const sub = {
    vendor: str(f, 'vendor'),
    plan: str(f, 'plan'),
    // Not a whole number: NaN, which the import schema rejects with its own message.
    seats: /^\d+$/.test(seats) ? Number(seats) : Number.NaN,
    monthlyPricePerSeatUsd: str(f, 'monthly_price_per_seat_usd'),
    periodStart: orNull(str(f, 'period_start')),
    periodEnd: orNull(str(f, 'period_end')),
    team: orNull(str(f, 'team')),
    users: str(f, 'users')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    covers: covers as SourceId[],
  };
  return commit(
    actor,
    f,
    (c) => upsertSubscription(c, index === '' ? null : Number(index), sub),
    `Subscription “${sub.plan}” saved.`,
    'subscriptions',
  );
}

export async function saveBudgetAction(_prev: FormState, f: FormData): Promise<FormState> {
  const actor = await requireActionRole('admin');
  const scope = str(f, 'scope') === 'workflow' ? 'workflow' : 'team';
  const index = str(f, 'index');
  const budget = { scope, name: str(f, 'name'), month: orNull(str(f, 'month')), amountUsd: str(f, 'amount_usd') } as const;
  return commit(
    actor,
    f,
    (c) => {
      const r = upsertBudget(c, index === '' ? null : Number(index), budget);
      // The form has one name field for either scope.
      const name = r.fieldErrors.team ?? r.fieldErrors.workflow;
      return name ? { ...r, fieldErrors: { ...r.fieldErrors, name } } : r;
    },
    `Budget for ${scope} “${budget.name}” saved.`,
    'budgets',
  );
}

/** Delete buttons are plain forms (no JavaScript needed); a refusal comes back in the URL. */
export async function deleteItemAction(f: FormData): Promise<void> {
  const actor = await requireActionRole('admin');
  const section = str(f, 'section');
  const key = str(f, 'key');
  const conn = await getConnection();
  const config = await getConfig(conn.db);
  let next: ItemizedConfig;
  if (section === 'workflows') {
    const r = removeWorkflow(config, key);
    if (!r.config) redirect(`${PAGE}?error=${encodeURIComponent(r.errors.join('; '))}#workflows`);
    next = r.config;
  } else if (section === 'subscriptions' || section === 'budgets') next = removeAt(config, section, Number(key));
  else return;
  await replaceConfig(conn.db, next);
  await audit(actor, 'settings.change', `dependency map: ${section}`, { change: 'removed', key });
  revalidatePath('/', 'layout');
  redirect(`${PAGE}?saved=${encodeURIComponent('Removed.')}#${section}`);
}

export async function importYamlAction(_prev: FormState, f: FormData): Promise<FormState> {
  const actor = await requireActionRole('admin');
  const file = f.get('file');
  if (!(file instanceof File) || file.size === 0) return { ok: false, fieldErrors: { file: 'Choose an itemized.yaml file.' } };
  if (file.size > MAX_YAML_BYTES) return { ok: false, fieldErrors: { file: `The file is larger than ${MAX_YAML_BYTES / 1_000_000} MB.` } };
  const conn = await getConnection();
  const r = await importConfigYaml(conn.db, await file.text());
  if (!r.ok) return { ok: false, importErrors: r.errors };
  const c = r.config;
  await audit(actor, 'settings.change', 'dependency map: itemized.yaml import', {
    file: file.name,
    workflows: c.workflows.length,
    subscriptions: c.subscriptions.length,
    budgets: c.budgets.length,
  });
  revalidatePath('/', 'layout');
  redirect(
    `${PAGE}?saved=${encodeURIComponent(`Imported ${file.name}: ${c.workflows.length} workflows, ${c.subscriptions.length} subscriptions, ${c.budgets.length} budgets.`)}`,
  );
}
