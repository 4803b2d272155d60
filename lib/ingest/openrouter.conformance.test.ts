/**
 * The real OpenRouter spec examples in ../shared/samples/openrouter (read in place) through the whole pipeline.
 * Totals worked out by hand from the files; they are also in test/samples.ts for the loader test on both databases.
 * The other OpenRouter samples are response bodies (response_log, see openrouter-body.test.ts and below): a
 * recorded stream whose final chunk carries usage, and the spec's bare usage block.
 */
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { samplePath } from '../../test/samples';
import { ingestFile, ingestText } from './openai-testing';
import { openRecords } from './read';
import { listSources } from './registry';

test('generation stats: native counts, billed total_cost, three fields for vendor / creator / upstream provider', async () => {
  const p = samplePath('openrouter/generation.openapi-example.json');
  const r = await ingestFile(p);
  expect(r.source).toBe('openrouter');
  expect(r.issues).toEqual([]);
  expect(r.events).toHaveLength(1);
  const e = r.events[0];
  // native_tokens_prompt 10 (3 cached), native_tokens_completion 25 including native_tokens_reasoning 5; total_cost 0.0015.
  expect(e).toMatchObject({
    dedupeKey: 'openrouter:gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG',
    requestId: 'gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG',
    occurredAt: new Date('2024-07-15T23:33:19.433Z'),
    timeInferred: false,
    periodSeconds: 0,
    requestCount: 1,
    vendor: 'openrouter',
    model: 'l3-stheno-8b',
    modelRaw: 'sao10k/l3-stheno-8b',
    modelCreator: 'sao10k',
    inputTokens: 10,
    cachedInputTokens: 3,
    cacheWriteTokens: null,
    outputTokens: 25,
    reasoningTokens: 5,
    billedCostUsd: '0.0015',
    reportedCostUsd: null,
    user: 'user-123',
    project: '550e8400-e29b-41d4-a716-446655440000',
    traceId: null,
    latencyMs: 1250,
    success: null,
  });
  // is_byok false: the 0.0012 upstream cost is what OpenRouter paid the provider, not a second charge to us.
  expect(e.tags).toMatchObject({ served_by: 'Infermatic', is_byok: false, upstreamInferenceCostUsd: '0.0012', generationTimeMs: 1200 });
});

test('activity page: one daily bucket, billed usage, BYOK inference kept apart', async () => {
  const p = samplePath('openrouter/activity.openapi-example.json');
  const r = await ingestFile(p);
  expect(r.source).toBe('openrouter');
  expect(r.issues).toEqual([]);
  expect(r.events).toHaveLength(1);
  expect(r.events[0]).toMatchObject({
    occurredAt: new Date('2025-08-24T00:00:00Z'),
    periodSeconds: 86_400,
    requestCount: 5,
    vendor: 'openrouter',
    model: 'gpt-4.1',
    modelRaw: 'openai/gpt-4.1',
    modelCreator: 'openai',
    inputTokens: 50,
    outputTokens: 125,
    reasoningTokens: 25,
    cachedInputTokens: null,
    billedCostUsd: '0.015',
  });
  expect(r.events[0].tags).toMatchObject({
    served_by: 'OpenAI',
    byokUsageInferenceUsd: '0.012',
    modelPermaslug: 'openai/gpt-4.1-2025-04-14',
  });
});

test.each(['openrouter/generation.openapi-example.json', 'openrouter/activity.openapi-example.json'])(
  '%s is claimed by no other source',
  async (rel) => {
    const p = samplePath(rel);
    const opened = await openRecords(fs.createReadStream(p), p);
    for (const s of listSources()) expect(s.detect(opened.first?.value, p), s.id).toBe(s.id === 'openrouter');
  },
);

test('a streamed reply logged chunk by chunk: only the final chunk counts, with its reasoning, cost and serving provider', async () => {
  // The recorder wraps each SSE event as {"json": chunk}, {"delay_ms": n}, {"comment": …}; a gateway logs the chunks.
  const recorded = fs.readFileSync(samplePath('openrouter/chat-stream-reasoning-usage.ai-sdk-provider.jsonl'), 'utf8');
  const chunks = recorded
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l).json)
    .filter((c) => c !== undefined);
  expect(chunks.length).toBeGreaterThan(10);
  const r = await ingestText(`${chunks.map((c) => JSON.stringify(c)).join('\n')}\n`, 'stream.jsonl');
  expect(r.source).toBe('response_log');
  expect(r.issues).toEqual([]);
  expect(r.events).toHaveLength(1);
  // completion_tokens 112 include reasoning_tokens 35; cost 0.001866 credits = USD, billed by OpenRouter.
  expect(r.events[0]).toMatchObject({
    requestId: 'gen-1767762795-8PgS2ihUVura3xKYKXYG',
    occurredAt: new Date(1767762795 * 1000),
    timeInferred: false,
    vendor: 'openrouter',
    modelCreator: 'anthropic',
    model: 'claude-sonnet-4.5',
    inputTokens: 62,
    cachedInputTokens: 0,
    outputTokens: 112,
    reasoningTokens: 35,
    billedCostUsd: '0.001866',
  });
  expect(r.events[0].tags).toMatchObject({ served_by: 'Google', is_byok: false });
});

test("the spec usage block: read as a reply body's usage; alone it names no request or time and is refused as such", async () => {
  const usage = JSON.parse(fs.readFileSync(samplePath('openrouter/chat-usage.openapi-example.json'), 'utf8'));
  const body = { id: 'gen-spec', object: 'chat.completion', created: 1767762795, model: 'openai/gpt-4.1', choices: [], usage };
  const r = await ingestText(JSON.stringify(body), 'reply.json');
  expect(r.issues).toEqual([]);
  // prompt 10 (2 cached), completion 15 including reasoning 5, cost 0.0012.
  expect(r.events[0]).toMatchObject({
    vendor: 'openrouter',
    inputTokens: 10,
    cachedInputTokens: 2,
    outputTokens: 15,
    reasoningTokens: 5,
    billedCostUsd: '0.0012',
  });
  await expect(ingestText(JSON.stringify(usage), 'usage.json')).rejects.toThrow(/usage\.json, record 1: unrecognised format/);
});
