/**
 * The scenario engine against an independent recomputation (fast-check over arbitrary baselines):
 * a vendor rule changes exactly that vendor's lines by exactly the factor; switching a workflow moves
 * its tokens to the fallback's prices; subscriptions going metered add exactly their API-equivalent
 * cost (and drop the plans). The expected values are computed here from the generated lines with
 * plain decimal arithmetic, never through the engine's helpers.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { ItemizedConfig } from '../config/types';
import type { BaselineLine } from './baseline';
import type { PriceBook } from './cost-split';
import { runScenario } from './scenario-run';

fc.configureGlobal({ seed: process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261127) });

const CONFIG: ItemizedConfig = {
  version: 1,
  workflows: [
    {
      name: 'W1',
      team: 't1',
      criticality: 'critical',
      description: null,
      match: [{ workflow: ['w1'] }],
      fallbacks: [{ vendor: 'anthropic', model: 'claude-haiku-4-5' }],
    },
    { name: 'W2', team: 't2', criticality: 'important', description: null, match: [{ workflow: ['w2'] }], fallbacks: [] },
    {
      name: 'W3',
      team: 't2',
      criticality: 'critical',
      description: null,
      match: [{ workflow: ['w3'] }],
      fallbacks: [{ vendor: 'xai', model: 'unpriced-model' }],
    },
  ],
  subscriptions: [
    {
      vendor: 'anthropic',
      plan: 'Max',
      seats: 2,
      monthlyPricePerSeatUsd: '100',
      periodStart: null,
      periodEnd: null,
      team: 'dev',
      users: [],
      covers: ['claude_code'],
    },
    {
      vendor: 'openai',
      plan: 'Pro',
      seats: 1,
      monthlyPricePerSeatUsd: '200.5',
      periodStart: null,
      periodEnd: null,
      team: 'dev',
      users: [],
      covers: ['codex'],
    },
  ],
  budgets: [],
};
/** Whole months, so plan costs are exactly seats x price x 3. */
const FROM = '2026-01-01';
const TO = '2026-03-31';
const PLAN_COST = { anthropic: new Decimal(2).mul(100).mul(3), openai: new Decimal(1).mul('200.5').mul(3) };

/** The fallback's list prices (USD per million tokens); any other model is unknown to this book. */
const HAIKU = { input: '1', cachedInput: '0.1', cacheWrite: '1.25', output: '5' };
const PRICES: PriceBook = (vendor, model) =>
  vendor === 'anthropic' && model === 'claude-haiku-4-5'
    ? {
        input: new Decimal(HAIKU.input),
        cachedInput: new Decimal(HAIKU.cachedInput),
        cacheWrite: new Decimal(HAIKU.cacheWrite),
        output: new Decimal(HAIKU.output),
      }
    : null;

const MODELS: Record<string, string[]> = {
  openai: ['gpt-5', 'gpt-5-mini'],
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
  xai: ['grok-3-mini'],
};
const micro = fc.integer({ min: 0, max: 5_000_000 }).map((n) => new Decimal(n).div(1_000_000).toFixed());

const lineArb: fc.Arbitrary<BaselineLine> = fc
  .record({
    vendor: fc.constantFrom('openai', 'anthropic', 'xai'),
    modelPick: fc.nat(),
    day: fc.integer({ min: 0, max: 89 }),
    workflow: fc.constantFrom('W1', 'W2', 'W3', null),
    team: fc.constantFrom('t1', 't2', null),
    covered: fc.boolean(),
    priced: fc.double({ min: 0, max: 1, noNaN: true }),
    input: fc.integer({ min: 0, max: 2_000_000 }),
    cachedShare: fc.integer({ min: 0, max: 100 }),
    output: fc.integer({ min: 0, max: 500_000 }),
    reasoningShare: fc.integer({ min: 0, max: 100 }),
    classes: fc.tuple(micro, micro, micro, micro, micro, micro),
  })
  .map((r): BaselineLine => {
    const models = MODELS[r.vendor];
    const cached = Math.floor((r.input * r.cachedShare) / 200);
    const write = Math.floor((r.input - cached) / 10);
    const reasoning = Math.floor((r.output * r.reasoningShare) / 100);
    const [uncachedInput, cachedInput, cacheWrite, visibleOutput, reasoningUsd, residual] = r.classes;
    const priced = r.priced < 0.9;
    const list = [uncachedInput, cachedInput, cacheWrite, visibleOutput, reasoningUsd, residual].reduce(
      (a, x) => a.plus(x),
      new Decimal(0),
    );
    const subscription = r.covered ? (r.vendor === 'anthropic' ? 0 : r.vendor === 'openai' ? 1 : null) : null;
    return {
      period: new Date(Date.UTC(2026, 0, 1 + r.day)).toISOString().slice(0, 10),
      workflow: r.workflow,
      team: r.team,
      vendor: r.vendor,
      model: models[r.modelPick % models.length],
      source: subscription === 0 ? 'claude_code' : subscription === 1 ? 'codex' : 'response_log',
      subscription,
      events: 1 + (r.input % 7),
      inputTokens: r.input,
      cachedInputTokens: cached,
      cacheWriteTokens: write,
      outputTokens: r.output,
      reasoningTokens: reasoning,
      reasoningUnknownOutputTokens: 0,
      listCostUsd: priced ? list.toFixed() : null,
      billedCostUsd: null,
      unpricedEvents: priced ? 0 : 1,
      unpricedTokens: priced ? 0 : r.input + r.output,
      costByClass: priced ? { uncachedInput, cachedInput, cacheWrite, visibleOutput, reasoning: reasoningUsd, residual } : null,
    };
  });

const linesArb = fc.array(lineArb, { minLength: 0, maxLength: 40 });
const factorArb = fc.oneof(
  fc.constantFrom('0', '1', '5', '0.5'),
  fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).div(1000).toFixed()),
);
const input = (lines: BaselineLine[]) => ({ config: CONFIG, from: FROM, to: TO, lines, prices: PRICES });
const row = (rows: { name: string; baselineUsd: string; scenarioUsd: string }[], name: string) => rows.find((r) => r.name === name);
/** What each line costs in the baseline: metered at list, covered by a plan 0, unpriced left out. */
const baselineOf = (l: BaselineLine) =>
  l.subscription !== null ? new Decimal(0) : l.listCostUsd === null ? null : new Decimal(l.listCostUsd);

test('a vendor rule changes exactly that vendor’s lines (usage and plans) by exactly the factor, and nothing else', () => {
  fc.assert(
    fc.property(linesArb, fc.constantFrom('openai', 'anthropic', 'xai'), factorArb, (lines, vendor, factor) => {
      const r = runScenario(input(lines), [{ kind: 'vendor', vendor, factor }]);
      r.lines.forEach((l, i) => {
        const base = baselineOf(lines[i]);
        expect(l.baselineUsd === null ? null : new Decimal(l.baselineUsd).toFixed()).toBe(base?.toFixed() ?? null);
        const expected = base === null ? null : lines[i].vendor === vendor ? base.mul(factor) : base;
        expect(l.scenarioUsd === null ? null : new Decimal(l.scenarioUsd).toFixed()).toBe(expected?.toFixed() ?? null);
      });
      for (const v of ['openai', 'anthropic', 'xai']) {
        const usage = lines.filter((l) => l.vendor === v).reduce((a, l) => a.plus(baselineOf(l) ?? 0), new Decimal(0));
        const plan = v === 'anthropic' ? PLAN_COST.anthropic : v === 'openai' ? PLAN_COST.openai : new Decimal(0);
        const b = usage.plus(plan);
        const got = row(r.byVendor, v);
        expect(new Decimal(got?.baselineUsd ?? 0).eq(b)).toBe(true);
        expect(new Decimal(got?.scenarioUsd ?? 0).eq(v === vendor ? b.mul(factor) : b)).toBe(true);
      }
      expect(r.unpriced.scenario).toEqual(r.unpriced.baseline);
    }),
    { numRuns: 150 },
  );
});

test('switching a workflow to its fallback reprices exactly its tokens at the fallback’s list prices', () => {
  fc.assert(
    fc.property(linesArb, (lines) => {
      const r = runScenario(input(lines), [{ kind: 'fallback', workflow: 'W1' }]);
      let expectedTotal = new Decimal(0);
      r.lines.forEach((l, i) => {
        const x = lines[i];
        const onFallback = x.vendor === 'anthropic' && x.model === 'claude-haiku-4-5';
        if (x.workflow === 'W1' && !onFallback) {
          // Same tokens at haiku's prices; reasoning is output, so the whole output is priced at the output rate.
          const uncached = x.inputTokens - x.cachedInputTokens - x.cacheWriteTokens;
          const usd = new Decimal(uncached)
            .mul(HAIKU.input)
            .plus(new Decimal(x.cachedInputTokens).mul(HAIKU.cachedInput))
            .plus(new Decimal(x.cacheWriteTokens).mul(HAIKU.cacheWrite))
            .plus(new Decimal(x.outputTokens).mul(HAIKU.output))
            .div(1_000_000);
          expect([l.scenarioVendor, l.scenarioModel, l.treatment]).toEqual(['anthropic', 'claude-haiku-4-5', 'fallback']);
          expect(new Decimal(l.scenarioUsd!).toFixed()).toBe(usd.toFixed());
          expectedTotal = expectedTotal.plus(usd);
        } else {
          expect(l.scenarioUsd).toBe(l.baselineUsd);
          expectedTotal = expectedTotal.plus(l.baselineUsd ?? 0);
        }
      });
      const total = expectedTotal.plus(PLAN_COST.anthropic).plus(PLAN_COST.openai);
      expect(new Decimal(r.total.scenarioUsd).eq(total)).toBe(true);
      expect(r.criticalWorkflows.find((w) => w.workflow === 'W1')?.reasons).toContain('moved');
    }),
    { numRuns: 150 },
  );
});

test('a fallback with no list price leaves the moved usage unpriced, never 0', () => {
  const lines = fc.sample(lineArb, { numRuns: 60, seed: 7 }).map((l) => ({ ...l, workflow: 'W3' }));
  const r = runScenario(input(lines), [{ kind: 'fallback', workflow: 'W3' }]);
  expect(r.lines.every((l) => l.scenarioUsd === null)).toBe(true);
  expect(r.unpriced.scenario.events).toBe(lines.reduce((a, l) => a + l.events, 0));
  expect(r.criticalWorkflowsHit.find((w) => w.workflow === 'W3')?.reasons).toEqual(expect.arrayContaining(['moved', 'unpriced']));
});

test('subscriptions going metered add exactly their API-equivalent cost and drop the plans', () => {
  fc.assert(
    fc.property(linesArb, (lines) => {
      const r = runScenario(input(lines), [{ kind: 'subscriptions_metered' }]);
      const apiEquivalent = lines.filter((l) => l.subscription !== null).reduce((a, l) => a.plus(l.listCostUsd ?? 0), new Decimal(0));
      const plans = PLAN_COST.anthropic.plus(PLAN_COST.openai);
      expect(new Decimal(r.total.scenarioUsd).minus(r.total.baselineUsd).eq(apiEquivalent.minus(plans))).toBe(true);
      expect(r.plans.every((p) => p.scenarioUsd === '0' && p.metered)).toBe(true);
      const newlyUnpriced = lines.filter((l) => l.subscription !== null && l.listCostUsd === null).reduce((a, l) => a + l.events, 0);
      expect(r.unpriced.scenario.events - r.unpriced.baseline.events).toBe(newlyUnpriced);
    }),
    { numRuns: 150 },
  );
});

test('a reasoning rule adds (factor - 1) x the reasoning cost of metered lines; output rules reach reasoning too', () => {
  fc.assert(
    fc.property(linesArb, factorArb, (lines, factor) => {
      const metered = lines.filter((l) => l.subscription === null && l.costByClass !== null);
      const reasoning = metered.reduce((a, l) => a.plus(l.costByClass!.reasoning), new Decimal(0));
      const output = metered.reduce((a, l) => a.plus(l.costByClass!.visibleOutput).plus(l.costByClass!.reasoning), new Decimal(0));
      const r = runScenario(input(lines), [{ kind: 'tokens', tokenClass: 'reasoning', factor }]);
      expect(new Decimal(r.total.deltaUsd).eq(reasoning.mul(new Decimal(factor).minus(1)))).toBe(true);
      const o = runScenario(input(lines), [{ kind: 'tokens', tokenClass: 'output', factor }]);
      expect(new Decimal(o.total.deltaUsd).eq(output.mul(new Decimal(factor).minus(1)))).toBe(true);
    }),
    { numRuns: 100 },
  );
});

test('presets: everything x5 is exactly 5x the baseline; top vendor x5 picks the largest vendor', () => {
  fc.assert(
    fc.property(linesArb, (lines) => {
      const r = runScenario(input(lines), [], ['everything-5x']);
      expect(new Decimal(r.total.scenarioUsd).eq(new Decimal(r.total.baselineUsd).mul(5))).toBe(true);
      const top = runScenario(input(lines), [], ['top-vendor-5x']);
      const largest = [...top.byVendor].sort(
        (a, b) => new Decimal(b.baselineUsd).comparedTo(a.baselineUsd) || a.name.localeCompare(b.name),
      )[0];
      expect(top.rules).toEqual([{ kind: 'vendor', vendor: largest.name, factor: '5' }]);
    }),
    { numRuns: 60 },
  );
  const failover = runScenario(input([]), [], ['fail-over-critical']);
  expect(failover.rules).toEqual([
    { kind: 'fallback', workflow: 'W1' },
    { kind: 'fallback', workflow: 'W3' },
  ]);
});
