import { describe, expect, test } from 'vitest';
import type { BaselineLine } from '@/lib/analysis/baseline';
import type { ScenarioInput } from '@/lib/analysis/scenario';
import type { ItemizedConfig } from '@/lib/config/types';
import { runApplicable } from './run-applicable';

const config: ItemizedConfig = {
  version: 1,
  workflows: [{ name: 'w', team: 't', criticality: 'critical', description: null, match: [{ workflow: ['w'] }], fallbacks: [] }],
  subscriptions: [],
  budgets: [],
};
const line: BaselineLine = {
  period: '2026-10-01',
  workflow: 'w',
  team: 't',
  vendor: 'openai',
  model: 'gpt-5',
  source: 'response_log',
  subscription: null,
  events: 2,
  inputTokens: 100,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 50,
  reasoningTokens: 0,
  reasoningUnknownOutputTokens: 0,
  listCostUsd: '1.25',
  billedCostUsd: null,
  unpricedEvents: 0,
  unpricedTokens: 0,
  costByClass: { uncachedInput: '0.25', cacheWrite: '0', cachedInput: '0', visibleOutput: '1', reasoning: '0', residual: '0' },
};
const input: ScenarioInput = { config, from: '2026-10-01', to: '2026-10-01', lines: [line], prices: () => null };

describe('runApplicable', () => {
  test('a rule the map cannot satisfy is left out and reported; the others still apply', () => {
    const r = runApplicable(input, [
      { kind: 'vendor', vendor: 'openai', factor: '3' },
      { kind: 'fallback', workflow: 'w' },
      { kind: 'fallback', workflow: 'nope' },
      { kind: 'subscription', plan: 'Max', factor: '2' },
    ]);
    expect(r.problems).toEqual([
      'fallback=w: "w" declares no fallback',
      'fallback=nope: no workflow named "nope"',
      'subscription=Max:x2: no subscription with plan "Max"',
    ]);
    expect(r.result.rules).toEqual([{ kind: 'vendor', vendor: 'openai', factor: '3' }]);
    expect(r.result.total).toEqual({ baselineUsd: '1.25', scenarioUsd: '3.75', deltaUsd: '2.5' });
  });

  test('a workflow moved twice: the second move is left out', () => {
    const withFallback = {
      ...config,
      workflows: [{ ...config.workflows[0], fallbacks: [{ vendor: 'anthropic', model: 'claude-haiku-4-5' }] }],
    };
    const spec = { gpuType: 'H100', gpuCount: 1, hourlyPriceUsd: '2', tokensPerSecond: '1000', utilisation: '0.5' };
    const r = runApplicable({ ...input, config: withFallback }, [
      { kind: 'self_hosted', workflow: 'w', spec },
      { kind: 'fallback', workflow: 'w' },
    ]);
    expect(r.problems).toEqual(['fallback=w: "w" is already moved by another rule']);
    expect(r.result.rules.map((x) => x.kind)).toEqual(['self_hosted']);
  });
});
