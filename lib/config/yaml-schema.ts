/**
 * zod schema of itemized.yaml as written (snake_case keys). Every YAML number reaches this schema as
 * its source text (lib/config/yaml.ts), so "200.00" keeps its digits and no amount passes through a
 * JS float. Messages are short and say what was expected; yaml.ts prefixes file, line and path.
 */
import { z } from 'zod';
import { isValidDay } from '../analysis/timeseries';
import {
  type BudgetConfig,
  CRITICALITIES,
  type ItemizedConfig,
  MATCH_FIELDS,
  type MatchRule,
  SOURCE_IDS,
  type SubscriptionConfig,
  type WorkflowConfig,
} from './types';

const required = (what: string) => (i: { input: unknown }) => (i.input === undefined ? 'required' : `expected ${what}`);
const text = (what = 'text') => z.string({ error: required(what) }).min(1, { error: `expected ${what}, not empty` });
const money = z
  .string({ error: required('an amount in USD, e.g. "200.00"') })
  .regex(/^\d{1,12}(\.\d{1,10})?$/, { error: 'expected a non-negative amount in USD with at most 10 decimals, e.g. "200.00"' });
const day = z
  .string({ error: required('a day as YYYY-MM-DD') })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidDay(s), { error: 'expected a day as YYYY-MM-DD' });
const month = z
  .string({ error: required('a month as YYYY-MM') })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month as YYYY-MM' });
const sourceId = z.enum(SOURCE_IDS, { error: `expected an ingest source id: one of ${SOURCE_IDS.join('|')}` });

/** One value or a list of values, normalised to a non-empty list. */
const values = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(item, { error: 'expected a value or a list of values' }).min(1, { error: 'expected at least one value' }),
  );

const matchRule = z
  .strictObject(
    Object.fromEntries(MATCH_FIELDS.map((f) => [f, values(f === 'source' ? sourceId : text()).optional()])) as unknown as Record<
      (typeof MATCH_FIELDS)[number],
      z.ZodOptional<z.ZodType<string[]>>
    >,
    { error: 'expected a match rule (a mapping of field: value or [values])' },
  )
  .refine((r) => Object.values(r).some((v) => v !== undefined), { error: `expected at least one of ${MATCH_FIELDS.join(', ')}` });

const fallback = z.strictObject({ vendor: text('a vendor id'), model: text('a model id') }, { error: 'expected {vendor, model}' });

const workflow = z.strictObject(
  {
    name: text('a workflow name'),
    team: text('the owner team'),
    criticality: z.enum(CRITICALITIES, { error: `expected one of ${CRITICALITIES.join('|')}` }),
    description: z.string({ error: 'expected text' }).nullish(),
    match: z.preprocess(
      (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [v] : v),
      z.array(matchRule, { error: required('a match rule or a list of rules') }).min(1, { error: 'expected at least one rule' }),
    ),
    fallbacks: z.array(fallback, { error: 'expected a list of {vendor, model}' }).nullish(),
  },
  { error: 'expected a workflow (name, team, criticality, match, fallbacks)' },
);

const seats = z
  .string({ error: required('a whole number of seats') })
  .regex(/^[1-9]\d{0,5}$/, { error: 'expected a whole number of seats (1 or more)' })
  .transform(Number);

const subscription = z.strictObject(
  {
    vendor: text('a vendor id'),
    plan: text('a plan name'),
    seats,
    monthly_price_per_seat_usd: money,
    period_start: day.nullish(),
    period_end: day.nullish(),
    team: text('a team').nullish(),
    users: values(text('a user')).nullish(),
    covers: values(sourceId),
  },
  { error: 'expected a subscription (vendor, plan, seats, monthly_price_per_seat_usd, covers)' },
);

const budget = z
  .strictObject(
    { team: text('a team').optional(), workflow: text('a workflow name').optional(), month: month.nullish(), amount_usd: money },
    { error: 'expected a budget (team or workflow, amount_usd, optional month)' },
  )
  .refine((b) => (b.team === undefined) !== (b.workflow === undefined), { error: 'expected exactly one of team or workflow' });

const list = <T extends z.ZodType>(item: T, what: string) => z.array(item, { error: `expected a list of ${what}` }).nullish();

export const configYamlSchema = z
  .strictObject(
    {
      version: z.enum(['1'], { error: 'expected 1' }).optional(),
      workflows: list(workflow, 'workflows'),
      subscriptions: list(subscription, 'subscriptions'),
      budgets: list(budget, 'budgets'),
    },
    { error: 'expected a mapping with version, workflows, subscriptions and budgets' },
  )
  .superRefine((c, ctx) => {
    const names = new Map<string, number>();
    (c.workflows ?? []).forEach((w, i) => {
      if (names.has(w.name))
        ctx.addIssue({
          code: 'custom',
          path: ['workflows', i, 'name'],
          message: `duplicate workflow name (first at workflows[${names.get(w.name)}])`,
        });
      else names.set(w.name, i);
      const seen = new Set<string>();
      (w.fallbacks ?? []).forEach((f, j) => {
        const k = `${f.vendor}\0${f.model}`;
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['workflows', i, 'fallbacks', j], message: 'duplicate fallback' });
        seen.add(k);
      });
    });
    (c.subscriptions ?? []).forEach((s, i) => {
      if (s.period_start && s.period_end && s.period_end < s.period_start)
        ctx.addIssue({ code: 'custom', path: ['subscriptions', i, 'period_end'], message: 'period_end is before period_start' });
    });
    const budgets = new Map<string, number>();
    (c.budgets ?? []).forEach((b, i) => {
      if (b.workflow !== undefined && !names.has(b.workflow))
        ctx.addIssue({ code: 'custom', path: ['budgets', i, 'workflow'], message: `no workflow named "${b.workflow}" in this file` });
      const k = `${b.team === undefined ? 'workflow' : 'team'}\0${b.team ?? b.workflow}\0${b.month ?? ''}`;
      if (budgets.has(k))
        ctx.addIssue({ code: 'custom', path: ['budgets', i], message: `duplicate budget (first at budgets[${budgets.get(k)}])` });
      else budgets.set(k, i);
    });
  });

export type ConfigYaml = z.infer<typeof configYamlSchema>;

/** The validated YAML shape to the application's ItemizedConfig. */
export function fromYamlShape(c: ConfigYaml): ItemizedConfig {
  const workflows: WorkflowConfig[] = (c.workflows ?? []).map((w) => ({
    name: w.name,
    team: w.team,
    criticality: w.criticality,
    description: w.description ?? null,
    match: w.match.map((r) => Object.fromEntries(MATCH_FIELDS.filter((f) => r[f] !== undefined).map((f) => [f, r[f]])) as MatchRule),
    fallbacks: (w.fallbacks ?? []).map((f) => ({ vendor: f.vendor, model: f.model })),
  }));
  const subscriptions: SubscriptionConfig[] = (c.subscriptions ?? []).map((s) => ({
    vendor: s.vendor,
    plan: s.plan,
    seats: s.seats,
    monthlyPricePerSeatUsd: s.monthly_price_per_seat_usd,
    periodStart: s.period_start ?? null,
    periodEnd: s.period_end ?? null,
    team: s.team ?? null,
    users: s.users ?? [],
    covers: s.covers,
  }));
  const budgets: BudgetConfig[] = (c.budgets ?? []).map((b) => ({
    scope: b.team !== undefined ? 'team' : 'workflow',
    name: (b.team ?? b.workflow)!,
    month: b.month ?? null,
    amountUsd: b.amount_usd,
  }));
  return { version: 1, workflows, subscriptions, budgets };
}
