/**
 * The scenario engine: baseline lines of a period + rules -> what each line and each flat plan costs
 * in the baseline and in the scenario, then summarised per team, workflow, vendor and month with
 * budgets and critical workflows (scenario-report.ts). Pure; amounts are exact decimal strings.
 *
 * Baseline: metered usage costs its list cost; usage a flat plan covers costs 0 and the plan costs
 * seats x price, prorated by days (subscriptions.ts). Unpriced usage (list cost null) stays unpriced on
 * both sides and is counted apart (never as 0).
 *
 * Scenario, per usage line, in this order:
 * 1. Moves: a workflow switched to a declared fallback is repriced at the fallback's list prices on the
 *    line's day with the same token counts (reasoning at the output price), unless the line already runs
 *    on that fallback; a workflow moved to self-hosted costs (input + output tokens) x the deployment's
 *    cost per million tokens. A moved line leaves its flat plan (the plan itself is still paid).
 * 2. Plans: a covered line whose plan goes metered costs its list cost; otherwise it still costs 0.
 * 3. Multipliers on metered lines (self-hosted excepted): vendor and model factors on the whole line;
 *    token-class factors per class of the split (input: uncached input and cache writes; cached_input;
 *    output: visible output AND reasoning, which is billed as output; reasoning: reasoning only). The
 *    split's residual (tiers, time-of-day prices) takes the vendor and model factors only. Rules of
 *    the same kind multiply.
 * Plans: seats x price x the plan's subscription factors x its vendor's factors; 0 when metered.
 */
import DecimalBase from 'decimal.js';
import type { ItemizedConfig } from '../config/types';
import type { BaselineLine } from './baseline';
import { COST_CLASSES, type CostByClass, type CostClass, type PriceBook, priceTokens } from './cost-split';
import type { ScenarioRule, SelfHostedSpec } from './scenario-rules';
import { validateRules } from './scenario-rules';
import { costPerMillionTokens, estimateSelfHosted, type SelfHostedEstimate } from './self-hosted';
import { planCostByMonth } from './subscriptions';
import { daysInclusive } from './timeseries';

const Decimal = DecimalBase.clone({ precision: 60 });
type Dec = DecimalBase;

export interface ScenarioInput {
  config: ItemizedConfig;
  /** First and last UTC day, inclusive; `lines` must be baseline lines of exactly this period (day grain for exact fallback prices). */
  from: string;
  to: string;
  lines: readonly BaselineLine[];
  prices: PriceBook;
}

export type LineTreatment = 'unchanged' | 'multiplied' | 'covered' | 'metered' | 'fallback' | 'self_hosted';

export interface ScenarioLine {
  line: BaselineLine;
  /** USD; '0' for usage a flat plan covers; null = unpriced. */
  baselineUsd: string | null;
  scenarioVendor: string;
  scenarioModel: string | null;
  scenarioUsd: string | null;
  treatment: LineTreatment;
}

export interface PlanLine {
  subscription: number;
  plan: string;
  vendor: string;
  team: string | null;
  month: string;
  days: number;
  daysInMonth: number;
  baselineUsd: string;
  scenarioUsd: string;
  metered: boolean;
}

export interface ScenarioComputation {
  lines: ScenarioLine[];
  plans: PlanLine[];
  selfHosted: SelfHostedEstimate[];
  /** Workflows a rule moved (fallback or self-hosted). */
  moved: Map<string, 'fallback' | 'self_hosted'>;
}

export class ScenarioError extends Error {
  readonly code = 'invalid_scenario';
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

const ONE = new Decimal(1);
const product = (fs: string[]) => fs.reduce((a, f) => a.mul(f), ONE);

/** Factor per cost class from the token rules. */
function classFactors(rules: readonly ScenarioRule[]): Record<CostClass, Dec> {
  const f = (c: string) => product(rules.flatMap((r) => (r.kind === 'tokens' && r.tokenClass === c ? [r.factor] : [])));
  const input = f('input');
  const output = f('output');
  return {
    uncachedInput: input,
    cacheWrite: input,
    cachedInput: f('cached_input'),
    visibleOutput: output,
    reasoning: output.mul(f('reasoning')),
    residual: ONE,
  };
}

const toDecimals = (c: CostByClass): Record<CostClass, Dec> =>
  Object.fromEntries(COST_CLASSES.map((k) => [k, new Decimal(c[k])])) as Record<CostClass, Dec>;

/** Prices every line and plan month of the input under the rules (throws ScenarioError on rules the map cannot satisfy). */
export function computeScenario(input: ScenarioInput, rules: readonly ScenarioRule[]): ScenarioComputation {
  const { config } = input;
  const problems = validateRules(rules, config);
  if (problems.length) throw new ScenarioError(problems);

  const classF = classFactors(rules);
  const anyClassRule = rules.some((r) => r.kind === 'tokens' && !new Decimal(r.factor).eq(1));
  // Memoised per vendor and per (vendor, model): a period has ~1,000 lines and a handful of both.
  const memo = <K extends string>(f: (k: K) => Dec) => {
    const m = new Map<K, Dec>();
    return (k: K) => {
      const hit = m.get(k);
      if (hit !== undefined) return hit;
      const x = f(k);
      m.set(k, x);
      return x;
    };
  };
  const vendorF = memo((v: string) => product(rules.flatMap((r) => (r.kind === 'vendor' && r.vendor === v ? [r.factor] : []))));
  const modelFm = memo((key: string) => {
    const [v, m] = key.split('\0');
    return product(rules.flatMap((r) => (r.kind === 'model' && r.model === m && (!r.vendor || r.vendor === v) ? [r.factor] : [])));
  });
  const modelF = (v: string, m: string | null) => modelFm(`${v}\0${m ?? ''}`);
  const meteredAll = rules.some((r) => r.kind === 'subscriptions_metered' && !r.plan);
  const meteredPlans = new Set(rules.flatMap((r) => (r.kind === 'subscriptions_metered' && r.plan ? [r.plan] : [])));
  const isMetered = (i: number) => meteredAll || meteredPlans.has(config.subscriptions[i].plan);

  const fallbackOf = new Map<string, { vendor: string; model: string }>();
  const selfHostOf = new Map<string, { spec: SelfHostedSpec; rate: Dec }>();
  const moved = new Map<string, 'fallback' | 'self_hosted'>();
  for (const r of rules) {
    if (r.kind === 'fallback') {
      const wf = config.workflows.find((w) => w.name === r.workflow)!;
      fallbackOf.set(r.workflow, r.vendor && r.model ? { vendor: r.vendor, model: r.model } : wf.fallbacks[0]);
      moved.set(r.workflow, 'fallback');
    } else if (r.kind === 'self_hosted') {
      selfHostOf.set(r.workflow, { spec: r.spec, rate: costPerMillionTokens(r.spec) });
      moved.set(r.workflow, 'self_hosted');
    }
  }

  const priced = (split: Record<CostClass, Dec>, vendor: string, model: string | null) => {
    let sum = new Decimal(0);
    for (const c of COST_CLASSES) sum = sum.plus(split[c].mul(classF[c]));
    return sum.mul(vendorF(vendor)).mul(modelF(vendor, model));
  };

  const lines: ScenarioLine[] = input.lines.map((l) => {
    const covered = l.subscription !== null;
    const baselineUsd = covered ? '0' : l.listCostUsd;
    const out = (treatment: LineTreatment, usd: Dec | null, vendor = l.vendor, model = l.model): ScenarioLine => ({
      line: l,
      baselineUsd,
      scenarioVendor: vendor,
      scenarioModel: model,
      scenarioUsd: usd === null ? null : usd.toFixed(),
      treatment,
    });
    const fb = l.workflow ? fallbackOf.get(l.workflow) : undefined;
    if (fb && !(fb.vendor === l.vendor && fb.model === l.model)) {
      const day = l.period.length === 7 ? `${l.period}-01` : l.period;
      const p = input.prices(fb.vendor, fb.model, day);
      return out('fallback', p ? priced(priceTokens(l, p), fb.vendor, fb.model) : null, fb.vendor, fb.model);
    }
    const sh = l.workflow ? selfHostOf.get(l.workflow) : undefined;
    if (sh)
      return out(
        'self_hosted',
        sh.rate.mul(l.inputTokens + l.outputTokens).div(1_000_000),
        'self-hosted',
        `${sh.spec.gpuType} x${sh.spec.gpuCount}`,
      );
    if (covered && !isMetered(l.subscription!)) return out('covered', new Decimal(0));
    if (l.costByClass === null || l.listCostUsd === null) return out(covered ? 'metered' : 'unchanged', null);
    const lineFactor = vendorF(l.vendor).mul(modelF(l.vendor, l.model));
    // Without token rules the classes (which add up to the list cost) all take the line factor: list x factor.
    const usd = anyClassRule ? priced(toDecimals(l.costByClass), l.vendor, l.model) : lineFactor.mul(l.listCostUsd);
    return out(covered ? 'metered' : !anyClassRule && lineFactor.eq(1) ? 'unchanged' : 'multiplied', usd);
  });

  const plans: PlanLine[] = config.subscriptions.flatMap((s, i) => {
    const factor = product(rules.flatMap((r) => (r.kind === 'subscription' && r.plan === s.plan ? [r.factor] : []))).mul(vendorF(s.vendor));
    return planCostByMonth(s, input.from, input.to).map((m) => ({
      subscription: i,
      plan: s.plan,
      vendor: s.vendor,
      team: s.team,
      month: m.month,
      days: m.days,
      daysInMonth: m.daysInMonth,
      baselineUsd: m.costUsd,
      scenarioUsd: isMetered(i) ? '0' : new Decimal(m.costUsd).mul(factor).toFixed(),
      metered: isMetered(i),
    }));
  });

  const days = daysInclusive(input.from, input.to);
  const selfHosted = [...selfHostOf].map(([workflow, { spec }]) => {
    const mine = input.lines.filter((l) => l.workflow === workflow);
    const pricedLines = mine.filter((l) => l.listCostUsd !== null);
    const list = pricedLines.reduce<Dec | null>((a, l) => (a ?? new Decimal(0)).plus(l.listCostUsd!), null);
    return estimateSelfHosted(workflow, spec, {
      tokens: mine.reduce((a, l) => a + l.inputTokens + l.outputTokens, 0),
      pricedTokens: pricedLines.reduce((a, l) => a + l.inputTokens + l.outputTokens, 0),
      apiListCostUsd: list?.toFixed() ?? null,
      days,
    });
  });
  return { lines, plans, selfHosted, moved };
}
