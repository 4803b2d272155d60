import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { isLitellmRecord, litellmCreator, litellmSource, litellmVendor } from './litellm';
import { openRecords } from './read';
import { listSources } from './registry';
import type { IngestIssue, UsageEvent } from './types';
import { checkEvent } from './validate';

const FIX = path.resolve(import.meta.dirname, '__fixtures__/litellm');
const FALLBACK = new Date('2026-01-01T00:00:00Z');

async function run(input: { path: string } | { text: string; file: string }, naiveOffset?: string) {
  const file = 'path' in input ? path.basename(input.path) : input.file;
  const stream = 'path' in input ? fs.createReadStream(input.path) : Readable.from([Buffer.from(input.text)]);
  const opened = await openRecords(stream, file);
  const ctx = { file, framing: opened.framing, fallbackTime: FALLBACK, fallbackIsMtime: true, naiveOffset };
  async function* good() {
    for await (const it of opened.items) if (!('bad' in it)) yield it;
  }
  const out = {
    framing: opened.framing,
    first: opened.first?.value,
    events: [] as UsageEvent[],
    issues: [] as IngestIssue[],
    duplicates: 0,
  };
  for await (const it of litellmSource.parse(good(), ctx)) {
    if (it.kind === 'event') {
      expect(checkEvent(it.event)).toEqual([]);
      out.events.push(it.event);
    } else if (it.kind === 'issue') out.issues.push(it.issue);
    else if (it.kind === 'duplicate') out.duplicates++;
  }
  return out;
}

const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

/** A SpendLogs row as LiteLLM's GCS/PubSub logger writes it: JSON columns encoded as strings. */
function spendRow(extra: Record<string, unknown> = {}, usage: Record<string, unknown> | null = null, meta: Record<string, unknown> = {}) {
  return {
    request_id: 'req-1',
    call_type: 'acompletion',
    api_key: 'hashed-key',
    spend: 0.0042,
    total_tokens: 1550,
    prompt_tokens: 1250,
    completion_tokens: 300,
    startTime: '2025-01-24 09:20:46.847371',
    endTime: '2025-01-24 09:20:49.347371',
    model: 'claude-sonnet-4-5-20250929',
    custom_llm_provider: 'anthropic',
    metadata: JSON.stringify({ usage_object: usage, ...meta }),
    request_tags: '["prod"]',
    status: 'success',
    ...extra,
  };
}

const anthropicUsage = {
  prompt_tokens: 1250,
  completion_tokens: 300,
  total_tokens: 1550,
  cache_creation_input_tokens: 200,
  cache_read_input_tokens: 1000,
  prompt_tokens_details: { cached_tokens: 1000 },
};

describe('LiteLLM SpendLogs rows', () => {
  test('naive timestamps are UTC unless told otherwise (--timezone); timestamps with a zone are kept as they say', async () => {
    const text = jsonl([
      spendRow(),
      spendRow({ request_id: 'req-2', startTime: '2025-01-24T09:20:46.847Z', endTime: '2025-01-24T09:20:47Z' }),
    ]);
    const utc = await run({ file: 's.jsonl', text });
    const berlin = await run({ file: 's.jsonl', text }, '+01:00');
    expect(utc.events.map((e) => e.occurredAt.toISOString())).toEqual(['2025-01-24T09:20:46.847Z', '2025-01-24T09:20:46.847Z']);
    expect(berlin.events.map((e) => e.occurredAt.toISOString())).toEqual(['2025-01-24T08:20:46.847Z', '2025-01-24T09:20:46.847Z']);
    // Latency comes from both ends read at the same offset: 2.5 s either way.
    expect(berlin.events[0].latencyMs).toBe(utc.events[0].latencyMs);
  });

  test('JSON-string columns, naive UTC timestamps, Anthropic prompt_tokens already holding the cache', async () => {
    const r = await run({
      file: 's.jsonl',
      text: jsonl([
        spendRow({}, anthropicUsage, {
          user_api_key_alias: 'bot',
          user_api_key_team_id: 'team-meta',
          user_api_key_project_id: 'proj-1',
          user_api_key_user_id: 'u-1',
          spend_logs_metadata: { feature: 'search' },
        }),
      ]),
    });
    expect(r.issues).toEqual([]);
    expect(r.events).toHaveLength(1);
    const e = r.events[0];
    expect(e.occurredAt.toISOString()).toBe('2025-01-24T09:20:46.847Z');
    // 1250 = 50 uncached + 1000 read + 200 write: not added again.
    expect([e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens, e.reasoningTokens]).toEqual([
      1250,
      1000,
      200,
      300,
      null,
    ]);
    expect(e).toMatchObject({
      dedupeKey: 'req-1',
      requestId: 'req-1',
      vendor: 'anthropic',
      model: 'claude-sonnet-4-5',
      modelCreator: 'anthropic',
      reportedCostUsd: '0.0042',
      reportedBy: 'litellm',
      billedCostUsd: null,
      apiKey: 'hashed-key',
      user: 'u-1',
      team: 'team-meta',
      project: 'proj-1',
      success: null,
      latencyMs: 2500,
    });
    expect(e.tags).toMatchObject({ keyAlias: 'bot', requestTags: ['prod'], spendLogsMetadata: { feature: 'search' }, status: 'success' });
  });

  test('an older LiteLLM that left cache writes out of prompt_tokens: the writes are added back', async () => {
    const usage = { ...anthropicUsage, prompt_tokens: 1050 }; // 50 uncached + 1000 reads, the 200 writes missing
    const r = await run({ file: 's.jsonl', text: jsonl([spendRow({ prompt_tokens: 1050 }, usage)]) });
    expect(r.events[0]).toMatchObject({ inputTokens: 1250, cachedInputTokens: 1000, cacheWriteTokens: 200 });
    expect(r.events[0].tags).toMatchObject({ promptTokensAdjusted: true });
  });

  test('OpenAI reasoning detail; xAI-style reasoning outside completion_tokens is added to output', async () => {
    const r = await run({
      file: 's.jsonl',
      text: jsonl([
        spendRow(
          { request_id: 'a', model: 'o4-mini', custom_llm_provider: 'openai', prompt_tokens: 10, completion_tokens: 300 },
          { prompt_tokens: 10, completion_tokens: 300, completion_tokens_details: { reasoning_tokens: 256 } },
        ),
        spendRow(
          { request_id: 'b', model: 'xai/grok-3-mini', custom_llm_provider: 'xai', prompt_tokens: 12, completion_tokens: 2 },
          { prompt_tokens: 12, completion_tokens: 2, completion_tokens_details: { reasoning_tokens: 320 } },
        ),
      ]),
    });
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => [e.outputTokens, e.reasoningTokens])).toEqual([
      [300, 256],
      [322, 320],
    ]);
    expect(r.events[1]).toMatchObject({ vendor: 'xai', model: 'grok-3-mini', modelCreator: 'xai' });
  });

  test('status failure is transport status: kept in tags, success stays null; a reported 0 spend stays "0"', async () => {
    const r = await run({
      file: 's.jsonl',
      text: jsonl([spendRow({ status: 'failure', spend: 0, prompt_tokens: 0, completion_tokens: 0 })]),
    });
    expect(r.events[0]).toMatchObject({ success: null, reportedCostUsd: '0', inputTokens: 0, outputTokens: 0 });
    expect(r.events[0].tags).toMatchObject({ status: 'failure' });
  });

  test('missing fields are null, never 0', async () => {
    const row = {
      request_id: 'r',
      spend: null,
      startTime: '2025-01-24T09:20:46Z',
      call_type: 'acompletion',
      metadata: 'None',
      request_tags: 'null',
    };
    const r = await run({ file: 's.json', text: JSON.stringify(row) });
    expect(r.issues).toEqual([]);
    expect(r.events[0]).toMatchObject({
      inputTokens: null,
      outputTokens: null,
      cachedInputTokens: null,
      reportedCostUsd: null,
      reportedBy: null,
      vendor: 'unknown',
      latencyMs: null,
      toolCalls: null,
    });
  });

  test('negative tokens, bad timestamps and bad JSON strings become issues naming file, line and field', async () => {
    const r = await run({
      file: 'bad.jsonl',
      text: jsonl([
        spendRow({ request_id: 'x1', prompt_tokens: -5 }),
        spendRow({ request_id: 'x2', startTime: 'yesterday' }),
        spendRow({ request_id: 'x3', metadata: '{"usage_object": ' }),
        spendRow({ request_id: 'x4', startTime: null }),
        { hello: 'world' },
        spendRow({ request_id: 'ok' }),
      ]),
    });
    expect(r.events.map((e) => e.dedupeKey)).toEqual(['ok']);
    expect(r.issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['bad.jsonl', 1, 'prompt_tokens'],
      ['bad.jsonl', 2, 'startTime'],
      ['bad.jsonl', 3, 'metadata'],
      ['bad.jsonl', 4, 'startTime'],
      ['bad.jsonl', 5, undefined],
    ]);
    expect(r.issues[0].message).toMatch(/non-negative/);
  });

  test('a JSON array of rows, with a repeated request_id reported as a duplicate', async () => {
    const r = await run({
      file: 'rows.json',
      text: JSON.stringify([spendRow({ request_id: 'a' }), spendRow({ request_id: 'b' }), spendRow({ request_id: 'a' })]),
    });
    expect(r.framing).toBe('json');
    expect(r.events.map((e) => e.dedupeKey)).toEqual(['a', 'b']);
    expect(r.duplicates).toBe(1);
  });

  test('CSV export of the table', async () => {
    const r = await run({ path: path.join(FIX, 'spend-logs-export.csv') });
    expect(r.framing).toBe('csv');
    expect(litellmSource.detect(r.first, 'spend-logs-export.csv')).toBe(true);
    expect(r.issues).toEqual([]);
    const [a, b] = r.events;
    expect(a).toMatchObject({
      dedupeKey: 'req-csv-1',
      occurredAt: new Date('2025-03-01T12:00:00.250Z'),
      vendor: 'anthropic',
      inputTokens: 1250,
      cachedInputTokens: 1000,
      cacheWriteTokens: 200,
      outputTokens: 300,
      reasoningTokens: 120,
      reportedCostUsd: '0.012345',
      apiKey: '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b',
      team: 'team-1',
      user: 'u-7',
      project: 'proj-9',
      traceId: 'sess-a',
      latencyMs: 3500,
    });
    expect(a.tags).toMatchObject({
      endUser: 'customer-42',
      teamAlias: 'Payments',
      modelGroup: 'smart',
      cacheHit: false,
      requestTags: ['prod', 'refunds'],
    });
    expect(b).toMatchObject({
      vendor: 'azure_openai',
      model: 'text-embedding-3-small',
      modelCreator: 'openai',
      inputTokens: 40,
      outputTokens: 0,
      reportedCostUsd: '0',
      apiKey: null,
      team: null,
      traceId: null,
      latencyMs: 100,
    });
    expect(b.tags).toMatchObject({ status: 'failure', callType: 'aembedding' });
    expect(b.tags).not.toHaveProperty('cacheHit');
  });
});

describe('LiteLLM StandardLoggingPayload', () => {
  const payload = {
    id: 'chatcmpl-9',
    trace_id: 'tr-1',
    call_type: 'completion',
    status: 'success',
    custom_llm_provider: 'bedrock',
    model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    response_cost: '0.0105',
    prompt_tokens: 900,
    completion_tokens: 100,
    total_tokens: 1000,
    startTime: 1737710446.847371,
    endTime: 1737710448.1,
    response_time: 1.25,
    metadata: {
      user_api_key_hash: 'hash-abc',
      user_api_key_team_id: 'team-x',
      user_api_key_user_id: 'user-y',
      user_api_key_end_user_id: 'end-z',
    },
    request_tags: ['a'],
    response: JSON.stringify({
      choices: [{ message: { tool_calls: [{ id: 't1' }, { id: 't2' }] } }],
      usage: { prompt_tokens: 900, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 600 }, cache_creation_input_tokens: 0 },
    }),
    hidden_params: {},
  };

  test('epoch-float times, usage detail from the (string) response, payload attribution', async () => {
    const r = await run({ file: 'p.json', text: JSON.stringify(payload) });
    expect(r.issues).toEqual([]);
    expect(r.events[0]).toMatchObject({
      dedupeKey: 'chatcmpl-9',
      occurredAt: new Date(1737710446847),
      vendor: 'aws_bedrock',
      modelCreator: 'anthropic',
      inputTokens: 900,
      cachedInputTokens: 600,
      cacheWriteTokens: 0,
      outputTokens: 100,
      reasoningTokens: null,
      reportedCostUsd: '0.0105',
      reportedBy: 'litellm',
      apiKey: 'hash-abc',
      team: 'team-x',
      user: 'user-y',
      traceId: 'tr-1',
      latencyMs: 1250,
      toolCalls: 2,
    });
    expect(r.events[0].tags).toMatchObject({ endUser: 'end-z', litellmRecord: 'standard_logging_payload' });
  });
});

describe('detection', () => {
  test('creator of Bedrock model ids', () => {
    expect(litellmCreator('us.anthropic.claude-sonnet-4-20250514-v1:0')).toBe('anthropic');
    expect(litellmCreator('meta.llama3-70b-instruct-v1:0')).toBe('meta');
    expect(litellmCreator('gpt-4o')).toBe('openai');
    expect(litellmCreator('my.custom-model')).toBeNull();
    expect(litellmCreator(null)).toBeNull();
  });

  test('vendor mapping', () => {
    expect(litellmVendor('vertex_ai', 'gemini-2.5-pro').vendor).toBe('google_vertex');
    expect(litellmVendor('azure', 'gpt-4o').vendor).toBe('azure_openai');
    expect(litellmVendor(null, 'bedrock/anthropic.claude-3')).toEqual({ vendor: 'aws_bedrock', inferred: true });
    expect(litellmVendor('', 'gpt-4o')).toEqual({ vendor: 'openai', inferred: true });
    expect(litellmVendor('some_new_provider', 'x').vendor).toBe('some_new_provider');
  });

  test('claims LiteLLM records only, and no existing source claims them', () => {
    const row = spendRow();
    expect(isLitellmRecord(row)).toBe(true);
    expect(isLitellmRecord({ id: 'x', response_cost: 0, startTime: 1, call_type: 'completion' })).toBe(true);
    expect(isLitellmRecord({ id: 'chatcmpl-1', object: 'chat.completion', choices: [], usage: { prompt_tokens: 1 } })).toBe(false);
    expect(isLitellmRecord({ trace: {}, observations: [] })).toBe(false);
    for (const s of listSources()) if (s.id !== litellmSource.id) expect(s.detect(row, 'x.jsonl'), s.id).toBe(false);
  });
});
