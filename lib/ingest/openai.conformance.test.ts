/**
 * Conformance: every real sample in ../shared/samples/openai and the two Anthropic Messages bodies go
 * through the whole pipeline (framing, detection, parsing, validation). Totals were worked out by hand
 * from each file; the samples are read in place, never copied into the repo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { total } from './openai-testing';
import { parseInput } from './pipeline';
import type { CostLine, IngestIssue, UsageEvent } from './types';

const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples');
const MTIME = new Date('2026-01-01T00:00:00Z');

async function ingest(rel: string) {
  const p = path.join(SAMPLES, rel);
  const parsed = await parseInput(fs.createReadStream(p), { file: p, fileMtime: MTIME });
  const events: UsageEvent[] = [];
  const costs: CostLine[] = [];
  const issues: IngestIssue[] = [];
  for await (const i of parsed.items) {
    if (i.kind === 'event') events.push(i.event);
    else if (i.kind === 'cost') costs.push(i.cost);
    else if (i.kind === 'issue') issues.push(i.issue);
  }
  return { source: parsed.source.id, events, costs, issues };
}

interface Expected {
  source: string;
  /** Exact fields of the single event. */
  event?: Partial<UsageEvent>;
  /** Exact fields of the single cost line. */
  cost?: Partial<CostLine>;
}

const EXPECTED: Record<string, Expected> = {
  'openai/chat-completion-usage-details.vercel-ai.json': {
    source: 'response_log',
    event: {
      dedupeKey: 'response_log:chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
      occurredAt: new Date(1770933883 * 1000),
      timeInferred: false,
      vendor: 'openai',
      model: 'gpt-4.1-nano',
      modelRaw: 'gpt-4.1-nano-2025-04-14',
      inputTokens: 16,
      cachedInputTokens: 0,
      cacheWriteTokens: null,
      outputTokens: 363,
      reasoningTokens: 0,
      billedCostUsd: null,
      toolCalls: 0,
      tags: { service_tier: 'default' },
    },
  },
  // DeepSeek counts reasoning inside completion_tokens: 18 + 345 = 363 = total.
  'openai/openai-compatible-deepseek-reasoning.vercel-ai.json': {
    source: 'response_log',
    event: {
      dedupeKey: 'response_log:945bb10c-9bf3-47ff-a2a2-43bbe9705c72',
      vendor: 'deepseek',
      model: 'deepseek-reasoner',
      inputTokens: 18,
      cachedInputTokens: 0,
      outputTokens: 345,
      reasoningTokens: 315,
      billedCostUsd: null,
      tags: null,
    },
  },
  // xAI excludes reasoning: 12 + 2 + 320 = 334 = total, so output = 2 + 320; 1,641,500 ticks / 1e10 = $0.00016415.
  'openai/openai-compatible-xai-reasoning-excluded.vercel-ai.json': {
    source: 'response_log',
    event: {
      vendor: 'xai',
      model: 'grok-3-mini',
      modelCreator: 'xai',
      inputTokens: 12,
      cachedInputTokens: 2,
      outputTokens: 322,
      reasoningTokens: 320,
      billedCostUsd: '0.00016415',
      tags: { reasoning_convention: 'excluded' },
    },
  },
  // Responses API: output 163 already includes reasoning 128 (865 + 163 = 1028 = total).
  'openai/responses-api-reasoning.vercel-ai.json': {
    source: 'response_log',
    event: {
      dedupeKey: 'response_log:resp_0f35ed53160b395301693cc957829881909359e7f80cdd20b5',
      occurredAt: new Date(1765591383 * 1000),
      model: 'gpt-5-mini',
      inputTokens: 865,
      cachedInputTokens: 0,
      cacheWriteTokens: null,
      outputTokens: 163,
      reasoningTokens: 128,
      toolCalls: 0,
    },
  },
  'openai/usage-completions.openapi-example.json': {
    source: 'openai_usage',
    event: {
      dedupeKey: 'openai_usage:[1730419200,86400,null,null,null,null,null,null]',
      occurredAt: new Date('2024-11-01T00:00:00Z'),
      periodSeconds: 86_400,
      requestCount: 5,
      timeInferred: false,
      model: null,
      inputTokens: 1000,
      cachedInputTokens: 400,
      cacheWriteTokens: 100,
      outputTokens: 500,
      reasoningTokens: null,
      project: null,
      tags: null,
    },
  },
  // A lone result: no bucket, so the time is the file's (inferred) and the width the API default.
  'openai/usage-completions-result-object.openapi-example.json': {
    source: 'openai_usage',
    event: {
      occurredAt: MTIME,
      timeInferred: true,
      periodSeconds: 86_400,
      requestCount: 5,
      model: 'gpt-4o-mini',
      modelRaw: 'gpt-4o-mini-2024-07-18',
      inputTokens: 5000,
      cachedInputTokens: 1800,
      cacheWriteTokens: 200,
      outputTokens: 1000,
      reasoningTokens: null,
      project: 'proj_abc',
      user: 'user-abc',
      apiKey: 'key_abc',
      tags: { batch: false, service_tier: 'default' },
    },
  },
  'openai/costs.openapi-example.json': {
    source: 'openai_costs',
    cost: {
      dedupeKey: 'openai_costs:[1730419200,null,null,null]',
      periodStart: new Date('2024-11-01T00:00:00Z'),
      periodEnd: new Date('2024-11-02T00:00:00Z'),
      billedCostUsd: '0.06',
      currency: 'USD',
      lineItem: null,
      quantity: null,
      model: null,
    },
  },
  'openai/costs-result-object.openapi-example.json': {
    source: 'openai_costs',
    cost: {
      periodStart: MTIME,
      billedCostUsd: '0.06',
      currency: 'USD',
      lineItem: 'input_tokens',
      project: 'proj_abc',
      quantity: '10000',
      quantityUnit: 'tokens',
      model: null,
      tags: { time_inferred: true },
    },
  },
  // Anthropic input_tokens excludes cache: input = 69 + 0 + 0. No created time in Messages bodies.
  'anthropic/messages-cache-usage.vercel-ai.json': {
    source: 'response_log',
    event: {
      dedupeKey: 'response_log:msg_01XrsJCi8CQoLcnnWdY8RsJz',
      occurredAt: MTIME,
      timeInferred: true,
      vendor: 'anthropic',
      model: 'claude-sonnet-4-5',
      inputTokens: 69,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 33,
      reasoningTokens: null,
    },
  },
  // thinking_tokens 139 is a subset of output_tokens 1699.
  'anthropic/messages-thinking-usage.vercel-ai.json': {
    source: 'response_log',
    event: {
      dedupeKey: 'response_log:msg_011CdMNhurHSJCxCC2NB7WYc',
      vendor: 'anthropic',
      model: 'claude-opus-5',
      inputTokens: 51,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 1699,
      reasoningTokens: 139,
    },
  },
};

describe('samples', () => {
  test('every OpenAI sample file has an expectation', () => {
    const files = fs.readdirSync(path.join(SAMPLES, 'openai')).map((f) => `openai/${f}`);
    expect(files.sort()).toEqual(
      Object.keys(EXPECTED)
        .filter((k) => k.startsWith('openai/'))
        .sort(),
    );
  });

  test.each(Object.entries(EXPECTED))('%s', async (rel, exp) => {
    const r = await ingest(rel);
    expect(r.issues).toEqual([]);
    expect(r.source).toBe(exp.source);
    expect(r.events).toHaveLength(exp.event ? 1 : 0);
    expect(r.costs).toHaveLength(exp.cost ? 1 : 0);
    if (exp.event) {
      expect(r.events[0]).toMatchObject(exp.event);
      // A single request unless it is a billing bucket.
      if (exp.source === 'response_log') expect(r.events[0]).toMatchObject({ periodSeconds: 0, requestCount: 1 });
    }
    if (exp.cost) expect(r.costs[0]).toMatchObject({ vendor: 'openai', chargeCategory: 'usage', ...exp.cost });
  });

  test('hand-computed totals across the OpenAI response bodies', async () => {
    const bodies = Object.keys(EXPECTED).filter((k) => k.startsWith('openai/') && EXPECTED[k].source === 'response_log');
    const events = (await Promise.all(bodies.map(ingest))).flatMap((r) => r.events);
    // 16 + 18 + 12 + 865; 363 + 345 + 322 + 163; 0 + 315 + 320 + 128.
    expect(total(events, 'inputTokens')).toBe(911);
    expect(total(events, 'outputTokens')).toBe(1193);
    expect(total(events, 'reasoningTokens')).toBe(763);
  });
});
