/** itemized.yaml: validation errors name their line, export is canonical, amounts stay exact text. */
import { describe, expect, test } from 'vitest';
import { demoConfig, dependencyYaml } from '../demo/config-yaml';
import type { ItemizedConfig } from './types';
import { exportConfigYaml, formatConfigError, parseConfigYaml, validateConfig } from './yaml';

const VALID = `version: 1
workflows:
  - name: support/triage
    team: support
    criticality: critical
    match: { workflow: triage }
    fallbacks: []
subscriptions: []
budgets: []
`;

function errorsOf(text: string): string[] {
  const r = parseConfigYaml(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => formatConfigError('itemized.yaml', e));
}

describe('errors are reported by line', () => {
  test.each([
    [
      'a wrong criticality (the documented example)',
      VALID.replace('criticality: critical', 'criticality: high'),
      ['itemized.yaml:5: workflows[0].criticality: expected one of critical|important|optional'],
    ],
    [
      'an unknown key, at the key itself',
      VALID.replace('    fallbacks: []', '    fallbacks: []\n    owner: bob'),
      ['itemized.yaml:8: workflows[0]: unknown key "owner"'],
    ],
    ['a missing required key, at its mapping', VALID.replace('    team: support\n', ''), ['itemized.yaml:3: workflows[0].team: required']],
    [
      'an empty match rule',
      VALID.replace('match: { workflow: triage }', 'match: {}'),
      [
        'itemized.yaml:6: workflows[0].match[0]: expected at least one of workflow, project, team, environment, vendor, source, api_key, user',
      ],
    ],
    [
      'an unknown ingest source',
      VALID.replace('match: { workflow: triage }', 'match: { source: [codex, claud_code] }'),
      [
        'itemized.yaml:6: workflows[0].match[0].source[1]: expected an ingest source id: one of openai_usage|openai_costs|response_log|anthropic_usage|anthropic_costs|claude_code|codex|litellm|langfuse|focus|aws_bedrock|openrouter|helicone|otel_genai|outcomes|mapped_csv',
      ],
    ],
    [
      'an amount that is not exact decimal text',
      VALID.replace('budgets: []', 'budgets:\n  - team: support\n    amount_usd: 1e3'),
      ['itemized.yaml:11: budgets[0].amount_usd: expected a non-negative amount in USD with at most 10 decimals, e.g. "200.00"'],
    ],
    [
      'a budget on an undeclared workflow, and a duplicate name',
      `${VALID.replace('budgets: []', 'budgets:\n  - workflow: nope\n    amount_usd: "5"')}`.replace(
        'subscriptions: []',
        '  - name: support/triage\n    team: x\n    criticality: optional\n    match: { team: x }\nsubscriptions: []',
      ),
      [
        'itemized.yaml:8: workflows[1].name: duplicate workflow name (first at workflows[0])',
        'itemized.yaml:14: budgets[0].workflow: no workflow named "nope" in this file',
      ],
    ],
    [
      'a subscription ending before it starts, with seats 0',
      VALID.replace(
        'subscriptions: []',
        'subscriptions:\n  - vendor: anthropic\n    plan: Max\n    seats: 0\n    monthly_price_per_seat_usd: "200"\n    period_start: 2026-02-01\n    period_end: 2026-01-31\n    covers: claude_code',
      ),
      [
        'itemized.yaml:11: subscriptions[0].seats: expected a whole number of seats (1 or more)',
        'itemized.yaml:14: subscriptions[0].period_end: period_end is before period_start',
      ],
    ],
    [
      'YAML syntax: a duplicate key',
      VALID.replace('    team: support\n', '    team: support\n    team: other\n'),
      ['itemized.yaml:5: Map keys must be unique'],
    ],
    [
      'not a mapping at all',
      '- just\n- a list\n',
      ['itemized.yaml:1: expected a mapping with version, workflows, subscriptions and budgets'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });
});

test('unquoted YAML numbers keep their digits as exact decimal text', () => {
  const r = parseConfigYaml(
    VALID.replace(
      'subscriptions: []',
      'subscriptions:\n  - vendor: openai\n    plan: Pro\n    seats: 3\n    monthly_price_per_seat_usd: 200.10\n    covers: codex',
    ).replace('budgets: []', 'budgets:\n  - team: support\n    month: 2026-09\n    amount_usd: 0.1000000001'),
  );
  expect(r.ok && r.config.subscriptions[0]).toMatchObject({ seats: 3, monthlyPricePerSeatUsd: '200.10', covers: ['codex'] });
  expect(r.ok && r.config.budgets).toEqual([{ scope: 'team', name: 'support', month: '2026-09', amountUsd: '0.1000000001' }]);
});

const EDGE: ItemizedConfig = {
  version: 1,
  workflows: [
    {
      name: 'a: tricky "name"',
      team: 'x',
      criticality: 'important',
      description: 'line one\nline two: with colon # and hash',
      match: [
        { workflow: ['w1', 'w2'], environment: ['production'] },
        { user: ['u1'], api_key: ['sk-1'] },
      ],
      fallbacks: [
        { vendor: 'anthropic', model: 'claude-haiku-4-5' },
        { vendor: 'openai', model: 'gpt-5-mini' },
      ],
    },
    { name: '2024', team: 'y', criticality: 'optional', description: null, match: [{ project: ['true'] }], fallbacks: [] },
  ],
  subscriptions: [
    {
      vendor: 'anthropic',
      plan: 'Claude Max',
      seats: 8,
      monthlyPricePerSeatUsd: '200.00',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      team: 'devtools',
      users: ['alex', 'li'],
      covers: ['claude_code', 'codex'],
    },
    {
      vendor: 'openai',
      plan: 'Pro',
      seats: 1,
      monthlyPricePerSeatUsd: '0',
      periodStart: null,
      periodEnd: null,
      team: null,
      users: [],
      covers: ['codex'],
    },
  ],
  budgets: [
    { scope: 'team', name: 'x', month: null, amountUsd: '1500' },
    { scope: 'workflow', name: '2024', month: '2026-09', amountUsd: '12.3400' },
  ],
};

test.each([
  ['the demo map', demoConfig()],
  ['a map with every optional part and awkward strings', EDGE],
])('%s: parse(export(c)) = c and export is stable', (_name, c) => {
  const text = exportConfigYaml(c);
  const back = parseConfigYaml(text);
  expect(back.ok && back.config).toEqual(c);
  expect(exportConfigYaml((back as { config: ItemizedConfig }).config)).toBe(text);
});

test('canonical form: one value as a scalar, several as a flow list; one rule as a mapping; amounts quoted', () => {
  const text = exportConfigYaml(EDGE, []);
  expect(text).toContain(
    '    match:\n      - workflow: [w1, w2]\n        environment: production\n      - api_key: sk-1\n        user: u1\n',
  );
  expect(text).toContain(
    '  - name: "2024"\n    team: y\n    criticality: optional\n    match:\n      project: "true"\n    fallbacks: []\n',
  );
  expect(text).toContain('    monthly_price_per_seat_usd: "200.00"\n');
  expect(text).toContain('  - workflow: "2024"\n    month: 2026-09\n    amount_usd: "12.3400"\n');
});

test('the demo writes its map with the new criticality vocabulary and budgets', () => {
  const text = dependencyYaml();
  const r = parseConfigYaml(text);
  expect(r.ok).toBe(true);
  const c = (r as { config: ItemizedConfig }).config;
  expect(c.workflows.find((w) => w.name === 'platform/incident-agent')).toMatchObject({ criticality: 'critical', fallbacks: [] });
  expect(c.workflows.find((w) => w.name === 'support/ticket-triage')).toMatchObject({
    criticality: 'critical',
    fallbacks: [{ vendor: 'anthropic', model: 'claude-haiku-4-5' }],
  });
  expect(new Set(c.workflows.map((w) => w.criticality))).toEqual(new Set(['critical', 'important', 'optional']));
  expect(c.budgets.length).toBeGreaterThanOrEqual(4);
});

test('the README example of itemized.yaml is valid', async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('```yaml\nversion: 1');
  expect(start).toBeGreaterThan(0);
  const r = parseConfigYaml(readme.slice(start + 8, readme.indexOf('```', start + 8)));
  expect(r.ok && r.config.workflows.map((w) => w.name)).toEqual(['support/ticket-triage', 'growth/nightly-batch']);
});

test('a map built in code is checked with the file rules, errors by path', () => {
  const c = demoConfig();
  expect(validateConfig(c)).toEqual([]);
  const bad: ItemizedConfig = {
    ...c,
    workflows: [{ ...c.workflows[0], criticality: 'urgent' as never, match: [] }, c.workflows[0]],
    subscriptions: [{ ...c.subscriptions[0], seats: 0, monthlyPricePerSeatUsd: '1e3' }],
    budgets: [{ scope: 'workflow', name: 'nope', month: '2026-13', amountUsd: '5' }],
  };
  expect(validateConfig(bad)).toEqual([
    { path: 'workflows[0].criticality', message: 'expected one of critical|important|optional' },
    { path: 'workflows[0].match', message: 'expected at least one rule' },
    { path: 'subscriptions[0].seats', message: 'expected a whole number of seats (1 or more)' },
    {
      path: 'subscriptions[0].monthly_price_per_seat_usd',
      message: 'expected a non-negative amount in USD with at most 10 decimals, e.g. "200.00"',
    },
    { path: 'budgets[0].month', message: 'expected a month as YYYY-MM' },
  ]);
  // Checks across entries follow once every entry is well formed.
  expect(
    validateConfig({
      ...c,
      workflows: [c.workflows[0], c.workflows[0]],
      budgets: [{ scope: 'workflow', name: 'nope', month: null, amountUsd: '5' }],
    }),
  ).toEqual([
    { path: 'workflows[1].name', message: 'duplicate workflow name (first at workflows[0])' },
    { path: 'budgets[0].workflow', message: 'no workflow named "nope" in this file' },
  ]);
});
