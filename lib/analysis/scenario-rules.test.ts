import { describe, expect, test } from 'vitest';
import { demoConfig } from '../demo/config-yaml';
import { formatRule, parseRule, type ScenarioRule, validateRules } from './scenario-rules';

describe('rule text', () => {
  test.each<[string, ScenarioRule]>([
    ['vendor=openai:x5', { kind: 'vendor', vendor: 'openai', factor: '5' }],
    ['vendor=anthropic:0.5', { kind: 'vendor', vendor: 'anthropic', factor: '0.5' }],
    ['model=gpt-5:x2.25', { kind: 'model', model: 'gpt-5', factor: '2.25' }],
    // Bedrock ids carry colons: the factor follows the last one.
    [
      'model=anthropic.claude-3-5-sonnet-20240620-v1:0:x3',
      { kind: 'model', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', factor: '3' },
    ],
    ['tokens=reasoning:x5', { kind: 'tokens', tokenClass: 'reasoning', factor: '5' }],
    ['tokens=cached_input:X0', { kind: 'tokens', tokenClass: 'cached_input', factor: '0' }],
    ['subscriptions=metered', { kind: 'subscriptions_metered' }],
    ['subscription=Claude Max:metered', { kind: 'subscriptions_metered', plan: 'Claude Max' }],
    ['subscription=Claude Max:x1.5', { kind: 'subscription', plan: 'Claude Max', factor: '1.5' }],
    ['fallback=support/ticket-triage', { kind: 'fallback', workflow: 'support/ticket-triage' }],
    [
      'fallback=support/ticket-triage:anthropic/claude-haiku-4-5',
      { kind: 'fallback', workflow: 'support/ticket-triage', vendor: 'anthropic', model: 'claude-haiku-4-5' },
    ],
    [
      'selfhost=platform/incident-agent:gpu=H100,count=2,hourly=2.50,tps=2400,util=0.6',
      {
        kind: 'self_hosted',
        workflow: 'platform/incident-agent',
        spec: { gpuType: 'H100', gpuCount: 2, hourlyPriceUsd: '2.50', tokensPerSecond: '2400', utilisation: '0.6' },
      },
    ],
  ])('%s', (text, rule) => {
    expect(parseRule(text)).toEqual(rule);
    expect(parseRule(formatRule(rule))).toEqual(rule);
  });

  test.each([
    ['vendor=openai', 'rule "vendor=openai": expected vendor=ID:xF, e.g. vendor=openai:x5'],
    ['vendor=openai:5x', 'rule "vendor=openai:5x": the factor must look like x5 or x0.5, got "5x"'],
    ['vendor=openai:x-1', 'rule "vendor=openai:x-1": the factor must look like x5 or x0.5, got "x-1"'],
    [
      'tokens=thinking:x5',
      'rule "tokens=thinking:x5": unknown token class "thinking" (expected one of input, cached_input, output, reasoning)',
    ],
    [
      'price=openai:x5',
      'rule "price=openai:x5": unknown kind "price" (expected one of vendor, model, tokens, subscriptions, subscription, fallback, selfhost)',
    ],
    ['subscriptions=flat', 'rule "subscriptions=flat": expected subscriptions=metered'],
    [
      'openai:x5',
      'rule "openai:x5": expected KIND=VALUE, e.g. vendor=openai:x5 (kinds: vendor, model, tokens, subscriptions, subscription, fallback, selfhost)',
    ],
    ['vendor=', 'rule "vendor=": nothing after "="'],
    [
      'selfhost=w:gpu=H100,count=2,tps=100,util=0.5',
      'rule "selfhost=w:gpu=H100,count=2,tps=100,util=0.5": spec: give either an hourly price or a purchase price (with months)',
    ],
    [
      'selfhost=w:gpu=H100,count=2,hourly=1,tps=100,util=1.5',
      'rule "selfhost=w:gpu=H100,count=2,hourly=1,tps=100,util=1.5": spec.utilisation: expected a share between 0 and 1',
    ],
    [
      'selfhost=w:gpu=H100,colour=red',
      'rule "selfhost=w:gpu=H100,colour=red": expected KEY=VALUE pairs among gpu, count, hourly, purchase, months, tps, util, got "colour=red"',
    ],
  ])('%s is refused clearly', (text, message) => {
    expect(() => parseRule(text)).toThrow(message);
  });
});

test('rules are checked against the map', () => {
  const c = demoConfig();
  expect(
    validateRules(
      [
        { kind: 'fallback', workflow: 'platform/incident-agent' },
        { kind: 'fallback', workflow: 'nope' },
        { kind: 'fallback', workflow: 'support/ticket-triage', vendor: 'openai', model: 'gpt-5' },
        { kind: 'fallback', workflow: 'support/ticket-triage' },
        { kind: 'subscription', plan: 'Claude Mini', factor: '2' },
      ],
      c,
    ),
  ).toEqual([
    'fallback=platform/incident-agent: "platform/incident-agent" declares no fallback',
    'fallback=nope: no workflow named "nope"',
    'fallback=support/ticket-triage:openai/gpt-5: openai/gpt-5 is not a declared fallback of "support/ticket-triage"',
    'fallback=support/ticket-triage: "support/ticket-triage" is already moved by another rule',
    'subscription=Claude Mini:x2: no subscription with plan "Claude Mini"',
  ]);
  expect(
    validateRules(
      [
        { kind: 'fallback', workflow: 'support/ticket-triage' },
        { kind: 'vendor', vendor: 'x', factor: '5' },
      ],
      c,
    ),
  ).toEqual([]);
});
