/** `itemized scenario` on a small demo: the JSON shape, exact effects of rules, and clear errors for malformed ones. */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Connection, openConnection } from '../db/client';
import { DEMO_PLAN } from '../lib/demo/generate';
import { runCli } from '../test/cli';
import { type LoadedDemo, loadDemo } from '../test/demo-db';
import { cents, runScenarioCli } from './scenario';
import { collectPreset, collectRule } from './scenario-options';

let conn: Connection;
let demo: LoadedDemo;
beforeAll(async () => {
  conn = await openConnection({ inMemory: true });
  demo = await loadDemo(conn, { seed: 3, scale: 0.05, end: new Date('2026-10-01T00:00:00Z') });
});
afterAll(async () => {
  await conn?.close();
});

type Side = { total: string; by_vendor: Record<string, string>; by_team: Record<string, string>; by_workflow: Record<string, string> };

async function json(args: { rules: string[]; presets?: string[]; from?: string; to?: string }) {
  let printed = '';
  await runScenarioCli(
    conn,
    {
      rule: args.rules.reduce((a, r) => collectRule(r, a), [] as ReturnType<typeof collectRule>),
      preset: (args.presets ?? []).reduce((a, p) => collectPreset(p, a), [] as ReturnType<typeof collectPreset>),
      from: args.from,
      to: args.to,
      json: true,
    },
    (s) => {
      printed += s;
    },
  );
  return JSON.parse(printed) as { baseline: Side; scenario: Side; rules: string[]; period: { from: string; to: string } } & Record<
    string,
    unknown
  >;
}

const sum = (m: Record<string, string>) => Object.values(m).reduce((a, v) => a.plus(v), new Decimal(0));
const decimal = /^-?\d+(\.\d+)?$/;

test('--json: baseline and scenario, each with the total and breakdowns by vendor, team and workflow as decimal strings', async () => {
  const j = await json({ rules: ['vendor=openai:x5', 'model=claude-opus-4-1:x2', 'tokens=reasoning:x5', 'subscriptions=metered'] });
  expect(j.period).toEqual({ from: demo.from, to: demo.to });
  expect(j.rules).toEqual(['vendor=openai:x5', 'model=claude-opus-4-1:x2', 'tokens=reasoning:x5', 'subscriptions=metered']);
  for (const side of [j.baseline, j.scenario]) {
    expect(Object.keys(side)).toEqual(['total', 'by_vendor', 'by_team', 'by_workflow', 'unpriced']);
    expect(side.total).toMatch(decimal);
    for (const m of [side.by_vendor, side.by_team, side.by_workflow]) {
      for (const v of Object.values(m)) expect(v).toMatch(decimal);
      // Every breakdown adds up to the total, exactly.
      expect(sum(m).eq(side.total)).toBe(true);
    }
  }
  expect(Object.keys(j)).toEqual([
    'period',
    'rules',
    'baseline',
    'scenario',
    'delta',
    'budgets_breached',
    'critical_workflows_hit',
    'self_hosted',
    'notes',
  ]);
  // Metered: the plans cost nothing in the scenario.
  expect(j.scenario.by_workflow['plan: Claude Max']).toBe('0');
  expect(Object.keys(j.baseline.by_workflow)).toEqual(expect.arrayContaining(DEMO_PLAN.workflows.map((w) => w.id)));
});

test('a vendor rule alone: that vendor x5 exactly, every other vendor unchanged', async () => {
  const j = await json({ rules: ['vendor=xai:x5'], from: demo.from, to: demo.to });
  for (const [v, b] of Object.entries(j.baseline.by_vendor))
    expect([v, new Decimal(j.scenario.by_vendor[v]).toFixed()]).toEqual([
      v,
      v === 'xai' ? new Decimal(b).mul(5).toFixed() : new Decimal(b).toFixed(),
    ]);
  expect(
    new Decimal(j.scenario.by_workflow[DEMO_PLAN.singleVendorCritical]).eq(
      new Decimal(j.baseline.by_workflow[DEMO_PLAN.singleVendorCritical]).mul(5),
    ),
  ).toBe(true);
});

test('malformed rules and presets are refused with the rule and what was expected', () => {
  expect(() => collectRule('vendor=openai', [])).toThrow('rule "vendor=openai": expected vendor=ID:xF, e.g. vendor=openai:x5');
  expect(() => collectRule('tokens=thinking:x5', [])).toThrow(
    'unknown token class "thinking" (expected one of input, cached_input, output, reasoning)',
  );
  expect(() => collectRule('model=gpt-5:five', [])).toThrow('rule "model=gpt-5:five": the factor must look like x5 or x0.5, got "five"');
  expect(() => collectPreset('everything-10x', [])).toThrow('unknown preset "everything-10x"');
});

test('the real binary: exit code 1 and the reason on stderr for a malformed rule and for an unknown workflow', async () => {
  const bad = await runCli(['scenario', '--rule', 'vendor=openai:5x', '--json'], { ITEMIZED_DATA_DIR: '/tmp/itemized-scenario-cli-test' });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('rule "vendor=openai:5x": the factor must look like x5 or x0.5, got "5x"');
  expect(bad.stdout).toBe('');
  await expect(runScenarioCli(conn, { rule: collectRule('fallback=nope', []), preset: [] }, () => {})).rejects.toThrow(
    'fallback=nope: no workflow named "nope"',
  );
});

test('the text summary rounds amounts to cents, half away from zero, instead of cutting them', () => {
  expect(['0.7296741', '0.725', '-0.005', '12', '-3.994', '1e-9'].map(cents)).toEqual(['0.73', '0.73', '-0.01', '12.00', '-3.99', '0.00']);
});
