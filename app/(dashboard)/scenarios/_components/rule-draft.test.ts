import { describe, expect, test } from 'vitest';
import { parseRule, type ScenarioRule } from '@/lib/analysis/scenario-rules';
import { checkDraft, draftToText, emptyDraft, rulesFromParams, ruleToDraft, scenarioQuery } from './rule-draft';

const TEXTS = [
  'vendor=openai:x5',
  'vendor=aws_bedrock:us-east-1:x0.5',
  'model=gpt-5:x2',
  'tokens=reasoning:x5',
  'tokens=cached_input:x1.25',
  'subscription=Claude Max:x3',
  'subscriptions=metered',
  'subscription=ChatGPT Pro:metered',
  'fallback=support/ticket-triage',
  'fallback=support/ticket-triage:anthropic/claude-haiku-4-5',
  'selfhost=growth/summarize:gpu=H100,count=2,hourly=2.5,tps=2400,util=0.6',
  'selfhost=growth/summarize:gpu=L40S,count=4,purchase=9000,months=36,tps=1800,util=0.45',
];

describe('rule drafts', () => {
  test.each(TEXTS)('%s -> draft -> the same text and rule', (text) => {
    const rule = parseRule(text);
    const d = ruleToDraft(rule);
    expect(draftToText(d)).toBe(text);
    expect(checkDraft(d)).toEqual({ ok: true, rule, text });
  });

  test('a factor typed as x5 or ×5 means 5; a bad factor is reported without echoing the rule', () => {
    expect(checkDraft({ ...emptyDraft('vendor', 'openai'), factor: 'x5' })).toMatchObject({ ok: true, text: 'vendor=openai:x5' });
    expect(checkDraft({ ...emptyDraft('vendor', 'openai'), factor: '×2.5' })).toMatchObject({ ok: true, text: 'vendor=openai:x2.5' });
    expect(checkDraft({ ...emptyDraft('vendor', 'openai'), factor: 'five' })).toEqual({
      ok: false,
      error: 'the factor must look like x5 or x0.5, got "xfive"',
    });
    expect(checkDraft(emptyDraft('model'))).toEqual({ ok: false, error: 'choose a model' });
    expect(checkDraft(emptyDraft('fallback'))).toEqual({ ok: false, error: 'choose a workflow' });
    expect(checkDraft({ ...emptyDraft('self_hosted', 'w'), utilisation: '1.5' })).toEqual({
      ok: false,
      error: 'spec.utilisation: expected a share between 0 and 1',
    });
  });

  test('switching kinds keeps what was typed in the other fields', () => {
    const d = { ...emptyDraft('vendor', 'openai'), factor: '3' };
    expect(draftToText({ ...d, kind: 'model', target: 'gpt-5' })).toBe('model=gpt-5:x3');
    expect(draftToText({ ...d, kind: 'tokens', tokenClass: 'output' })).toBe('tokens=output:x3');
  });
});

describe('rules in the URL', () => {
  test('valid rules in order; each invalid one reported', () => {
    const r = rulesFromParams(['vendor=openai:x5', 'vendor=openai', 'tokens=thinking:x2', 'subscriptions=metered']);
    expect(r.rules).toEqual([
      { kind: 'vendor', vendor: 'openai', factor: '5' },
      { kind: 'subscriptions_metered' },
    ] satisfies ScenarioRule[]);
    expect(r.errors).toEqual([
      'rule "vendor=openai": expected vendor=ID:xF, e.g. vendor=openai:x5',
      'rule "tokens=thinking:x2": unknown token class "thinking" (expected one of input, cached_input, output, reasoning)',
    ]);
    expect(rulesFromParams(undefined)).toEqual({ rules: [], errors: [] });
    expect(rulesFromParams('model=o3:x2').rules).toEqual([{ kind: 'model', model: 'o3', factor: '2' }]);
  });

  test('scenarioQuery writes what rulesFromParams reads', () => {
    const rules: ScenarioRule[] = [
      { kind: 'vendor', vendor: 'openai', factor: '5' },
      { kind: 'fallback', workflow: 'a/b', vendor: 'anthropic', model: 'claude-haiku-4-5' },
    ];
    const q = scenarioQuery(rules, { from: '2026-10-01', to: '2026-10-31' }, { open: '3' });
    expect(q).toBe('?from=2026-10-01&to=2026-10-31&rule=vendor%3Dopenai%3Ax5&rule=fallback%3Da%2Fb%3Aanthropic%2Fclaude-haiku-4-5&open=3');
    expect(rulesFromParams(new URLSearchParams(q).getAll('rule')).rules).toEqual(rules);
    expect(scenarioQuery([], {})).toBe('');
  });
});
