/**
 * Scenario rules: their shape (zod, also used for saved scenarios), the text form the CLI takes
 * (`vendor=openai:x5`), and validation against the dependency map. Pure.
 *
 * Text forms (the factor follows the LAST colon, so ids with colons such as Bedrock's work):
 *   vendor=ID:xF                 every price of that vendor (usage and its flat plans) times F
 *   model=ID:xF                  that model's usage (any vendor) times F
 *   tokens=CLASS:xF              CLASS = input | cached_input | output | reasoning
 *   subscription=PLAN:xF         that plan's price times F
 *   subscriptions=metered        every flat plan replaced by the API-equivalent cost of what it covers
 *   subscription=PLAN:metered    one plan metered
 *   fallback=WORKFLOW            the workflow switched to its first declared fallback
 *   fallback=WORKFLOW:VENDOR/MODEL   ... to that declared fallback
 *   selfhost=WORKFLOW:gpu=H100,count=2,hourly=2.50,tps=2400,util=0.6
 *   selfhost=WORKFLOW:gpu=H100,count=2,purchase=30000,months=36,tps=2400,util=0.6
 * F is a non-negative decimal ("x5", "x0.5"; a bare "5" is accepted too).
 */
import { z } from 'zod';
import type { ItemizedConfig } from '../config/types';

export const TOKEN_CLASSES = ['input', 'cached_input', 'output', 'reasoning'] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

const factor = z.string().regex(/^\d{1,9}(\.\d{1,10})?$/, { error: 'expected a non-negative decimal factor, e.g. "5" or "0.5"' });
const id = z.string().min(1);
const positiveDecimal = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,10})?$/, { error: 'expected a decimal' })
  .refine((s) => Number(s) > 0, { error: 'expected a positive number' });

export const selfHostedSpecSchema = z
  .strictObject({
    gpuType: id,
    gpuCount: z.number().int().min(1).max(100_000),
    /** USD per GPU per hour (cloud rental) ... */
    hourlyPriceUsd: positiveDecimal.optional(),
    /** ... or USD per GPU bought, spread evenly over amortisationMonths. */
    purchasePriceUsd: positiveDecimal.optional(),
    amortisationMonths: z.number().int().min(1).max(240).optional(),
    /** Tokens per second the whole deployment sustains at full load (prompt and completion tokens alike). */
    tokensPerSecond: positiveDecimal,
    /** Share of the time it runs at that rate, (0, 1]. */
    utilisation: positiveDecimal.refine((s) => Number(s) <= 1, { error: 'expected a share between 0 and 1' }),
  })
  .refine((s) => (s.hourlyPriceUsd !== undefined) !== (s.purchasePriceUsd !== undefined), {
    error: 'give either an hourly price or a purchase price (with months)',
  })
  .refine((s) => s.purchasePriceUsd === undefined || s.amortisationMonths !== undefined, {
    error: 'a purchase price needs the months to amortise it over',
  });
export type SelfHostedSpec = z.infer<typeof selfHostedSpecSchema>;

export const scenarioRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('vendor'), vendor: id, factor }),
  z.strictObject({ kind: z.literal('model'), model: id, vendor: id.optional(), factor }),
  z.strictObject({ kind: z.literal('tokens'), tokenClass: z.enum(TOKEN_CLASSES), factor }),
  z.strictObject({ kind: z.literal('subscription'), plan: id, factor }),
  /** plan omitted = every plan. */
  z.strictObject({ kind: z.literal('subscriptions_metered'), plan: id.optional() }),
  /** vendor/model omitted = the workflow's first declared fallback. */
  z.strictObject({ kind: z.literal('fallback'), workflow: id, vendor: id.optional(), model: id.optional() }),
  z.strictObject({ kind: z.literal('self_hosted'), workflow: id, spec: selfHostedSpecSchema }),
]);
export type ScenarioRule = z.infer<typeof scenarioRuleSchema>;
export const scenarioRulesSchema = z.array(scenarioRuleSchema);

export class RuleError extends Error {
  readonly code = 'invalid_rule';
}

function parseFactor(rule: string, f: string): string {
  const m = /^x?(\d{1,9}(?:\.\d{1,10})?)$/i.exec(f.trim());
  if (!m) throw new RuleError(`rule "${rule}": the factor must look like x5 or x0.5, got "${f}"`);
  return m[1];
}

function splitLast(rule: string, rest: string, what: string): [string, string] {
  const i = rest.lastIndexOf(':');
  if (i <= 0 || i === rest.length - 1) throw new RuleError(`rule "${rule}": expected ${what}`);
  return [rest.slice(0, i), rest.slice(i + 1)];
}

const SELFHOST_KEYS: Record<string, string> = {
  gpu: 'gpuType',
  count: 'gpuCount',
  hourly: 'hourlyPriceUsd',
  purchase: 'purchasePriceUsd',
  months: 'amortisationMonths',
  tps: 'tokensPerSecond',
  util: 'utilisation',
};

/** One rule from its text form; throws RuleError with a message naming the rule and what was expected. */
export function parseRule(text: string): ScenarioRule {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new RuleError(`rule "${text}": expected KIND=VALUE, e.g. vendor=openai:x5 (kinds: ${Object.keys(KINDS).join(', ')})`);
  const kind = text.slice(0, eq).trim();
  const rest = text.slice(eq + 1).trim();
  const make = KINDS[kind];
  if (!make) throw new RuleError(`rule "${text}": unknown kind "${kind}" (expected one of ${Object.keys(KINDS).join(', ')})`);
  if (!rest) throw new RuleError(`rule "${text}": nothing after "="`);
  const parsed = scenarioRuleSchema.safeParse(make(text, rest));
  if (!parsed.success)
    throw new RuleError(`rule "${text}": ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const KINDS: Record<string, (rule: string, rest: string) => unknown> = {
  vendor: (rule, rest) => {
    const [vendor, f] = splitLast(rule, rest, 'vendor=ID:xF, e.g. vendor=openai:x5');
    return { kind: 'vendor', vendor, factor: parseFactor(rule, f) };
  },
  model: (rule, rest) => {
    const [model, f] = splitLast(rule, rest, 'model=ID:xF, e.g. model=gpt-5:x5');
    return { kind: 'model', model, factor: parseFactor(rule, f) };
  },
  tokens: (rule, rest) => {
    const [cls, f] = splitLast(rule, rest, 'tokens=CLASS:xF, e.g. tokens=reasoning:x5');
    if (!(TOKEN_CLASSES as readonly string[]).includes(cls))
      throw new RuleError(`rule "${rule}": unknown token class "${cls}" (expected one of ${TOKEN_CLASSES.join(', ')})`);
    return { kind: 'tokens', tokenClass: cls, factor: parseFactor(rule, f) };
  },
  subscriptions: (rule, rest) => {
    if (rest !== 'metered') throw new RuleError(`rule "${rule}": expected subscriptions=metered`);
    return { kind: 'subscriptions_metered' };
  },
  subscription: (rule, rest) => {
    const [plan, f] = splitLast(rule, rest, 'subscription=PLAN:xF or subscription=PLAN:metered');
    return f === 'metered' ? { kind: 'subscriptions_metered', plan } : { kind: 'subscription', plan, factor: parseFactor(rule, f) };
  },
  fallback: (_rule, rest) => {
    const i = rest.lastIndexOf(':');
    const target = i > 0 ? rest.slice(i + 1) : '';
    const slash = target.indexOf('/');
    if (i > 0 && slash > 0)
      return { kind: 'fallback', workflow: rest.slice(0, i), vendor: target.slice(0, slash), model: target.slice(slash + 1) };
    return { kind: 'fallback', workflow: rest };
  },
  selfhost: (rule, rest) => {
    const [workflow, params] = splitLast(rule, rest, 'selfhost=WORKFLOW:gpu=TYPE,count=N,hourly=USD,tps=N,util=0..1');
    const spec: Record<string, string | number> = {};
    for (const kv of params.split(',')) {
      const [k, v] = kv.split('=').map((s) => s?.trim());
      const key = SELFHOST_KEYS[k ?? ''];
      if (!key || !v)
        throw new RuleError(`rule "${rule}": expected KEY=VALUE pairs among ${Object.keys(SELFHOST_KEYS).join(', ')}, got "${kv}"`);
      spec[key] = key === 'gpuCount' || key === 'amortisationMonths' ? Number(v) : v;
    }
    return { kind: 'self_hosted', workflow, spec };
  },
};

/** The text form of a rule (parseRule(formatRule(r)) equals r for rules parseRule can produce). */
export function formatRule(r: ScenarioRule): string {
  switch (r.kind) {
    case 'vendor':
      return `vendor=${r.vendor}:x${r.factor}`;
    case 'model':
      return `model=${r.model}:x${r.factor}`;
    case 'tokens':
      return `tokens=${r.tokenClass}:x${r.factor}`;
    case 'subscription':
      return `subscription=${r.plan}:x${r.factor}`;
    case 'subscriptions_metered':
      return r.plan ? `subscription=${r.plan}:metered` : 'subscriptions=metered';
    case 'fallback':
      return r.vendor && r.model ? `fallback=${r.workflow}:${r.vendor}/${r.model}` : `fallback=${r.workflow}`;
    case 'self_hosted': {
      const s = r.spec;
      const price = s.hourlyPriceUsd ? `hourly=${s.hourlyPriceUsd}` : `purchase=${s.purchasePriceUsd},months=${s.amortisationMonths}`;
      return `selfhost=${r.workflow}:gpu=${s.gpuType},count=${s.gpuCount},${price},tps=${s.tokensPerSecond},util=${s.utilisation}`;
    }
  }
}

/** Problems of a rule set against the map (unknown workflow, undeclared fallback, two moves of one workflow). Empty = valid. */
export function validateRules(rules: readonly ScenarioRule[], config: ItemizedConfig): string[] {
  const errors: string[] = [];
  const moved = new Set<string>();
  for (const r of rules) {
    if (r.kind === 'subscription' || (r.kind === 'subscriptions_metered' && r.plan)) {
      if (!config.subscriptions.some((s) => s.plan === r.plan)) errors.push(`${formatRule(r)}: no subscription with plan "${r.plan}"`);
    }
    if (r.kind !== 'fallback' && r.kind !== 'self_hosted') continue;
    const wf = config.workflows.find((w) => w.name === r.workflow);
    if (!wf) {
      errors.push(`${formatRule(r)}: no workflow named "${r.workflow}"`);
      continue;
    }
    if (moved.has(wf.name)) errors.push(`${formatRule(r)}: "${wf.name}" is already moved by another rule`);
    moved.add(wf.name);
    if (r.kind === 'fallback') {
      if (wf.fallbacks.length === 0) errors.push(`${formatRule(r)}: "${wf.name}" declares no fallback`);
      else if (r.vendor && !wf.fallbacks.some((f) => f.vendor === r.vendor && f.model === r.model))
        errors.push(`${formatRule(r)}: ${r.vendor}/${r.model} is not a declared fallback of "${wf.name}"`);
    }
  }
  return errors;
}
