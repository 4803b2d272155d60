import { describe, expect, test } from 'vitest';
import type { ItemizedConfig, WorkflowConfig } from '../config/types';
import type { BaselineLine } from './baseline';
import { analyseConcentration, herfindahl } from './concentration';
import { ZERO_TOKENS } from './cost-split';
import { buildDependencyGraph } from './dependency-graph';

describe('herfindahl (hand-computed)', () => {
  test.each([
    ['no amounts', [], null],
    ['only unknown amounts', [null, null], null],
    ['zero spend', ['0', '0.00'], null],
    ['one vendor', ['123.45'], 10_000],
    ['two equal vendors', ['50', '50'], 5000],
    ['60/30/10: 3600 + 900 + 100', ['60', '30', '10'], 4600],
    ['three equal: 3 x 33.33...^2', ['1', '1', '1'], 3333.33],
    ['four equal', [25, 25, 25, 25], 2500],
    ['shares need not sum to 100; unknown left out: 70/20/10', ['0.7', '0.2', '0.1', null], 5400],
    ['credits (negative) left out: 80/20', ['80', '20', '-5'], 6800],
    ['exact decimals: 1/3 and 2/3 -> (1 + 4) / 9 x 10,000', ['0.0000000001', '0.0000000002'], 5555.56],
  ])('%s', (_name, amounts, expected) => {
    expect(herfindahl(amounts)).toBe(expected);
  });
});

const wf = (name: string, criticality: WorkflowConfig['criticality'], fallbacks: WorkflowConfig['fallbacks'] = []): WorkflowConfig => ({
  name,
  team: 'team',
  criticality,
  description: null,
  match: [{ workflow: [name] }],
  fallbacks,
});

function line(workflow: string | null, vendor: string, model: string, list: string | null, tokens = 1000): BaselineLine {
  return {
    ...ZERO_TOKENS,
    inputTokens: tokens,
    period: '2026-03',
    workflow,
    team: 'team',
    vendor,
    model,
    source: 'response_log',
    subscription: null,
    events: 1,
    listCostUsd: list,
    billedCostUsd: null,
    unpricedEvents: list === null ? 1 : 0,
    unpricedTokens: list === null ? tokens : 0,
    costByClass: null,
  };
}

const CONFIG: ItemizedConfig = {
  version: 1,
  workflows: [
    wf('W1-critical-alone', 'critical'),
    wf('W2-critical-failover', 'critical', [{ vendor: 'B', model: 'b1' }]),
    wf('W3-important-unused-fallback', 'important', [{ vendor: 'B', model: 'b1' }]),
    wf('W4-critical-same-vendor-fallback', 'critical', [{ vendor: 'A', model: 'a2' }]),
    wf('W5-optional-diversified', 'optional'),
    wf('W6-critical-idle', 'critical'),
    wf('W7-important-unpriced', 'important'),
    wf('W8-optional-at-95', 'optional'),
    wf('W9-optional-below-95', 'optional'),
  ],
  subscriptions: [],
  budgets: [],
};

const LINES: BaselineLine[] = [
  line('W1-critical-alone', 'A', 'a1', '10'),
  line('W2-critical-failover', 'A', 'a1', '96'),
  line('W2-critical-failover', 'B', 'b1', '4'),
  line('W3-important-unused-fallback', 'A', 'a1', '5'),
  line('W4-critical-same-vendor-fallback', 'A', 'a1', '30'),
  line('W4-critical-same-vendor-fallback', 'A', 'a2', '20'),
  line('W5-optional-diversified', 'A', 'a1', '90'),
  line('W5-optional-diversified', 'C', 'c1', '10'),
  line('W7-important-unpriced', 'X', 'x1', null, 5000),
  line('W8-optional-at-95', 'A', 'a1', '0.95'),
  line('W8-optional-at-95', 'C', 'c1', '0.05'),
  line('W9-optional-below-95', 'A', 'a1', '0.9499'),
  line('W9-optional-below-95', 'C', 'c1', '0.0501'),
  line(null, 'C', 'c1', '100'),
];

describe('single-vendor exposure', () => {
  const r = analyseConcentration(LINES, CONFIG);
  const w = (name: string) => r.workflows.find((x) => x.workflow === name)!;

  test('ranked by criticality, then spend', () => {
    expect(r.exposed.map((x) => x.workflow)).toEqual([
      'W4-critical-same-vendor-fallback',
      'W1-critical-alone',
      'W3-important-unused-fallback',
      'W7-important-unpriced',
      'W8-optional-at-95',
    ]);
  });

  test('fallbacks marked exercised / never exercised; only another vendor mitigates', () => {
    expect(w('W2-critical-failover')).toMatchObject({
      exposed: false,
      topVendor: 'A',
      topShare: 0.96,
      hhi: 9232,
      fallbacks: [{ vendor: 'B', model: 'b1', status: 'exercised', events: 1, spendUsd: '4', sameVendor: false }],
    });
    expect(w('W3-important-unused-fallback').fallbacks).toEqual([
      { vendor: 'B', model: 'b1', status: 'never_exercised', events: 0, spendUsd: null, sameVendor: false },
    ]);
    expect(w('W4-critical-same-vendor-fallback')).toMatchObject({
      exposed: true,
      hhi: 10_000,
      spendUsd: '50',
      fallbacks: [{ vendor: 'A', model: 'a2', status: 'exercised', events: 1, spendUsd: '20', sameVendor: true }],
    });
  });

  test('diversified, idle, unpriced and the 95% boundary', () => {
    expect(w('W5-optional-diversified')).toMatchObject({ exposed: false, hhi: 8200, topShare: 0.9 });
    expect(w('W6-critical-idle')).toMatchObject({ exposed: false, hhi: null, events: 0, spendUsd: null, vendors: [] });
    expect(w('W7-important-unpriced')).toMatchObject({ exposed: true, sharesBy: 'tokens', spendUsd: null, unpricedEvents: 1, hhi: 10_000 });
    expect(w('W8-optional-at-95')).toMatchObject({ exposed: true, topShare: 0.95 });
    expect(w('W9-optional-below-95')).toMatchObject({ exposed: false, topShare: 0.9499 });
  });

  test('overall concentration counts every priced line, unattributed included', () => {
    // A: 10 + 96 + 5 + 50 + 90 + 0.95 + 0.9499 = 252.8999; B: 4; C: 10 + 0.05 + 0.0501 + 100 = 110.1001; total 367
    expect(r.overall.spendUsd).toBe('367');
    expect(r.overall.vendors.map((v) => [v.vendor, v.spendUsd])).toEqual([
      ['A', '252.8999'],
      ['C', '110.1001'],
      ['B', '4'],
      ['X', null],
    ]);
    expect(r.overall.hhi).toBe(herfindahl(['252.8999', '110.1001', '4']));
    expect(r.unattributed).toEqual({ spendUsd: '100', events: 1 });
  });

  test('graph: usage edges by spend, fallback edges apart, risk per workflow', () => {
    const g = buildDependencyGraph(LINES, CONFIG, r);
    const node = (id: string) => g.nodes.find((n) => n.id === id);
    expect(node('workflow:W1-critical-alone')).toMatchObject({ risk: 'exposed', criticality: 'critical', spendUsd: '10' });
    expect(node('workflow:W2-critical-failover')?.risk).toBe('mitigated');
    expect(node('workflow:W5-optional-diversified')?.risk).toBe('diversified');
    expect(node('workflow:W6-critical-idle')?.risk).toBe('idle');
    expect(node('workflow:')).toMatchObject({ label: '(unattributed)', spendUsd: '100' });
    expect(node('vendor:A')?.exposedWorkflows).toEqual([
      'W4-critical-same-vendor-fallback',
      'W1-critical-alone',
      'W3-important-unused-fallback',
      'W8-optional-at-95',
    ]);
    expect(g.edges.filter((e) => e.kind === 'fallback').map((e) => [e.source, e.target, e.fallbackStatus])).toEqual([
      ['workflow:W2-critical-failover', 'model:B/b1', 'exercised'],
      ['workflow:W3-important-unused-fallback', 'model:B/b1', 'never_exercised'],
      ['workflow:W4-critical-same-vendor-fallback', 'model:A/a2', 'exercised'],
    ]);
    // a1 carries all of A but W4's a2 line (20).
    expect(g.edges.find((e) => e.id === 'usage:model:A/a1->vendor:A')?.spendUsd).toBe('232.8999');
  });
});
