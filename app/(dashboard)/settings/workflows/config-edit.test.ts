import { describe, expect, test } from 'vitest';
import type { ItemizedConfig, WorkflowConfig } from '@/lib/config/types';
import { exportConfigYaml, parseConfigYaml } from '@/lib/config/yaml';
import { demoConfig } from '@/lib/demo/config-yaml';
import {
  fallbacksToText,
  matchToText,
  parseFallbacksText,
  parseMatchText,
  removeAt,
  removeWorkflow,
  upsertBudget,
  upsertSubscription,
  upsertWorkflow,
} from './config-edit';

const wf = (name: string, over: Partial<WorkflowConfig> = {}): WorkflowConfig => ({
  name,
  team: 't',
  criticality: 'optional',
  description: null,
  match: [{ workflow: [name] }],
  fallbacks: [],
  ...over,
});
const base: ItemizedConfig = {
  version: 1,
  workflows: [wf('a'), wf('b'), wf('c')],
  subscriptions: [],
  budgets: [{ scope: 'workflow', name: 'b', month: null, amountUsd: '10' }],
};

describe('match rules and fallbacks as text', () => {
  test('round trip of the demo map', () => {
    for (const w of demoConfig().workflows) {
      expect(parseMatchText(matchToText(w.match))).toEqual({ ok: true, rules: w.match });
      expect(parseFallbacksText(fallbacksToText(w))).toEqual({ ok: true, fallbacks: w.fallbacks });
    }
  });

  test('one rule per line, fields by ";", values by ","', () => {
    expect(parseMatchText('workflow=a, b\n\n vendor=openai; project=proj_1 ')).toEqual({
      ok: true,
      rules: [{ workflow: ['a', 'b'] }, { vendor: ['openai'], project: ['proj_1'] }],
    });
    expect(matchToText([{ project: ['p'], vendor: ['openai', 'azure_openai'] }])).toBe('project=p; vendor=openai, azure_openai');
  });

  test('errors name the line', () => {
    expect(parseMatchText('workflow=a\nteam')).toEqual({
      ok: false,
      error:
        'line 2: expected field=value with a field among workflow, project, team, environment, vendor, source, api_key, user, got "team"',
    });
    expect(parseMatchText('colour=red')).toMatchObject({ ok: false, error: expect.stringContaining('line 1: expected field=value') });
    expect(parseMatchText('team=')).toEqual({ ok: false, error: 'line 1: team has no value' });
    expect(parseMatchText('team=a; team=b')).toEqual({ ok: false, error: 'line 1: team is given twice' });
    expect(parseMatchText('  \n')).toEqual({ ok: false, error: 'give at least one rule, e.g. workflow=ticket-triage' });
    expect(parseFallbacksText('openrouter/meta-llama/llama-4\nnoslash')).toEqual({
      ok: false,
      error: 'line 2: expected vendor/model, e.g. anthropic/claude-haiku-4-5',
    });
    expect(parseFallbacksText('openrouter/meta-llama/llama-4')).toEqual({
      ok: true,
      fallbacks: [{ vendor: 'openrouter', model: 'meta-llama/llama-4' }],
    });
  });
});

describe('editing one item of the map', () => {
  test('a new workflow goes last by default, or at the position given; the result imports as YAML', () => {
    const r = upsertWorkflow(base, null, wf('d'), 0);
    expect(r.errors).toEqual([]);
    expect(r.config!.workflows.map((w) => w.name)).toEqual(['d', 'a', 'b', 'c']);
    expect(parseConfigYaml(exportConfigYaml(r.config!))).toEqual({ ok: true, config: r.config });
    expect(upsertWorkflow(base, null, wf('d')).config!.workflows.map((w) => w.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('editing keeps the position; renaming carries the budgets along', () => {
    const r = upsertWorkflow(base, 'b', wf('b2', { criticality: 'critical' }));
    expect(r.config!.workflows.map((w) => w.name)).toEqual(['a', 'b2', 'c']);
    expect(r.config!.budgets).toEqual([{ scope: 'workflow', name: 'b2', month: null, amountUsd: '10' }]);
    expect(upsertWorkflow(base, 'c', wf('c'), 0).config!.workflows.map((w) => w.name)).toEqual(['c', 'a', 'b']);
  });

  test('errors come back by field, with the import messages', () => {
    expect(upsertWorkflow(base, null, wf('a'))).toEqual({
      fieldErrors: { name: 'duplicate workflow name (first at workflows[0])' },
      errors: [],
    });
    expect(upsertWorkflow(base, 'a', wf('a', { team: '' })).fieldErrors).toEqual({ team: 'expected the owner team, not empty' });
    expect(
      upsertWorkflow(
        base,
        'a',
        wf('a', {
          fallbacks: [
            { vendor: 'x', model: 'y' },
            { vendor: 'x', model: 'y' },
          ],
        }),
      ).fieldErrors,
    ).toEqual({ fallbacks: 'duplicate fallback' });
    expect(upsertWorkflow(base, 'zz', wf('zz')).errors).toEqual(['no workflow named "zz" (it may have been removed meanwhile)']);
  });

  test('a workflow with budgets cannot be removed; one without can', () => {
    expect(removeWorkflow(base, 'b')).toEqual({
      fieldErrors: {},
      errors: ['"b" has 1 budget(s): remove them first (a budget must name a declared workflow)'],
    });
    expect(removeWorkflow(base, 'a').config!.workflows.map((w) => w.name)).toEqual(['b', 'c']);
  });

  test('subscriptions and budgets: add, replace, validate, remove', () => {
    const sub = {
      vendor: 'anthropic',
      plan: 'Max',
      seats: 2,
      monthlyPricePerSeatUsd: '200.00',
      periodStart: '2026-03-01',
      periodEnd: '2026-02-01',
      team: null,
      users: [],
      covers: ['claude_code' as const],
    };
    expect(upsertSubscription(base, null, sub)).toEqual({ fieldErrors: { period_end: 'period_end is before period_start' }, errors: [] });
    const ok = upsertSubscription(base, null, { ...sub, periodEnd: null }).config!;
    expect(ok.subscriptions).toHaveLength(1);
    expect(upsertSubscription(ok, 0, { ...sub, periodEnd: null, seats: 3 }).config!.subscriptions.map((s) => s.seats)).toEqual([3]);
    expect(removeAt(ok, 'subscriptions', 0).subscriptions).toEqual([]);

    expect(upsertBudget(base, null, { scope: 'workflow', name: 'nope', month: null, amountUsd: '5' }).fieldErrors).toEqual({
      workflow: 'no workflow named "nope" in this file',
    });
    expect(upsertBudget(base, null, { scope: 'workflow', name: 'b', month: null, amountUsd: '5' }).fieldErrors).toEqual({
      _item: 'duplicate budget (first at budgets[0])',
    });
    expect(upsertBudget(base, null, { scope: 'team', name: 't', month: '2026-13', amountUsd: '5' }).fieldErrors).toEqual({
      month: 'expected a month as YYYY-MM',
    });
    expect(upsertBudget(base, 0, { scope: 'workflow', name: 'b', month: '2026-11', amountUsd: '12.50' }).config!.budgets).toEqual([
      { scope: 'workflow', name: 'b', month: '2026-11', amountUsd: '12.50' },
    ]);
  });
});
