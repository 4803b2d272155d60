import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, ingestFile, ingestText, MTIME, total } from './openai-testing';
import { responseLogSource } from './response-log';

const dir = path.join(FIXTURES, 'response-log');
const linesFile = path.join(dir, 'log-lines.jsonl');
const badFile = path.join(dir, 'log-bad.jsonl');

describe('response_log: log lines and bare bodies', () => {
  test('a full log line maps metadata, outcome, latency and the body usage', async () => {
    const r = await ingestFile(linesFile);
    expect(r.source).toBe('response_log');
    expect(r.issues).toEqual([]);
    expect(r.events[0]).toEqual({
      dedupeKey: 'response_log:req_001',
      occurredAt: new Date('2026-03-02T10:15:00Z'),
      periodSeconds: 0,
      requestCount: 1,
      vendor: 'openai',
      model: 'gpt-4.1-mini',
      modelRaw: 'gpt-4.1-mini-2025-04-14',
      modelCreator: 'openai',
      inputTokens: 500,
      cachedInputTokens: 256,
      cacheWriteTokens: 100,
      outputTokens: 120,
      reasoningTokens: 64,
      billedCostUsd: null,
      reportedCostUsd: null,
      reportedBy: null,
      requestId: 'req_001',
      project: 'proj_a',
      apiKey: null,
      user: 'u_42',
      team: 'payments',
      workflow: 'refund-triage',
      environment: 'prod',
      traceId: 'tr_9',
      tags: { feature: 'refunds', ab_bucket: 2, service_tier: 'default' },
      success: true,
      score: '0.75',
      outcomeSource: 'unit-tests',
      latencyMs: 1235,
      toolCalls: 2,
      timeInferred: false,
    });
  });

  test('every line kind: Responses body, stream chunks, Anthropic body, body without id or time', async () => {
    const r = await ingestFile(linesFile);
    // Line 3 is a stream chunk without usage: no event.
    expect(r.items.map((i) => (i.kind === 'event' ? i.line : i.kind))).toEqual([1, 2, 4, 5, 6]);
    const [, resp, chunk, anthropic, bare] = r.events;
    expect(resp).toMatchObject({
      dedupeKey: 'response_log:resp_002',
      requestId: 'resp_002',
      occurredAt: new Date('2026-03-02T10:16:40Z'),
      timeInferred: false,
      model: 'o4-mini',
      inputTokens: 900,
      outputTokens: 300,
      reasoningTokens: 256,
      team: 'search',
      toolCalls: 1,
      tags: null,
      success: null,
      latencyMs: null,
    });
    expect(chunk).toMatchObject({ dedupeKey: 'response_log:chatcmpl-003', inputTokens: 10, outputTokens: 5, toolCalls: null });
    expect(anthropic).toMatchObject({
      dedupeKey: 'response_log:req_004',
      occurredAt: new Date('2026-03-02T10:00:00Z'),
      vendor: 'anthropic',
      model: 'claude-sonnet-4-5',
      inputTokens: 100,
      cachedInputTokens: 50,
      cacheWriteTokens: 30,
      outputTokens: 40,
      reasoningTokens: null,
      workflow: 'summarise',
      success: false,
    });
    expect(bare).toMatchObject({
      vendor: 'deepseek',
      cachedInputTokens: 32,
      requestId: null,
      occurredAt: MTIME,
      timeInferred: true,
      toolCalls: 0,
    });
    expect(bare.dedupeKey).toMatch(/^response_log:sha256:[0-9a-f]{64}$/);
    expect(total(r.events, 'inputTokens')).toBe(500 + 900 + 10 + 100 + 40);
  });

  test('a JSON array of the same lines gives the same events, located by record', async () => {
    const lines = fs.readFileSync(linesFile, 'utf8').trim().split('\n');
    const r = await ingestText(`[\n${lines.join(',\n')}\n]`, 'log.json');
    expect(r.framing).toBe('json');
    expect(r.events).toEqual((await ingestFile(linesFile)).events);
    expect(r.items.map((i) => (i.kind === 'event' ? i.record : i.kind))).toEqual([1, 2, 4, 5, 6]);
  });

  test('the content-hash key ignores key order and --at marks the time as inferred', async () => {
    const at = new Date('2025-06-01T12:00:00Z');
    const a = await ingestText(
      '{"object":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":3,"completion_tokens":1}}',
      'a.json',
      { at },
    );
    const b = await ingestText('{"usage":{"completion_tokens":1,"prompt_tokens":3},"model":"gpt-4o","object":"chat.completion"}', 'b.json');
    expect(a.events[0].dedupeKey).toBe(b.events[0].dedupeKey);
    expect(a.events[0]).toMatchObject({ occurredAt: at, timeInferred: true });
  });

  test('a streamed Responses run: the unfinished snapshot is skipped, the completed one counts', async () => {
    const created = {
      type: 'response.created',
      response: { id: 'resp_9', object: 'response', status: 'in_progress', model: 'gpt-5', usage: null },
    };
    const done = {
      type: 'response.completed',
      response: {
        id: 'resp_9',
        object: 'response',
        status: 'completed',
        created_at: 1770000000,
        model: 'gpt-5',
        usage: { input_tokens: 4, output_tokens: 2 },
      },
    };
    // Stream events carry keys a log line does not have, so the source is forced, as `--source response_log` would.
    const r = await ingestText(`${JSON.stringify(created)}\n${JSON.stringify(done)}\n`, 'stream.jsonl', { source: 'response_log' });
    expect(r.issues).toEqual([]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ dedupeKey: 'response_log:resp_9', inputTokens: 4, outputTokens: 2 });
  });
});

describe('response_log: problems', () => {
  test('metadata.api_key fills the api_key column, not a tag', async () => {
    const body = {
      id: 'chatcmpl-k',
      object: 'chat.completion',
      created: 1772446500,
      model: 'gpt-4.1-mini',
      usage: { prompt_tokens: 1, completion_tokens: 1 },
    };
    const line = {
      timestamp: '2026-03-02T10:15:00Z',
      request_id: 'req_k',
      metadata: { api_key: 'key_ci', user: 'u_1', region: 'eu' },
      response: body,
    };
    const r = await ingestText(`${JSON.stringify(line)}\n`, 'keys.jsonl');
    expect(r.issues).toEqual([]);
    expect(r.events[0]).toMatchObject({ apiKey: 'key_ci', user: 'u_1', tags: { region: 'eu' } });
  });

  test('each bad line is an issue naming its field; good lines still load', async () => {
    const r = await ingestFile(badFile);
    expect(r.events.map((e) => e.requestId)).toEqual(['req_ok']);
    expect(r.issues).toEqual([
      {
        file: badFile,
        line: 2,
        field: 'response',
        message: 'expected an OpenAI or Anthropic response body, got an object of another shape',
      },
      { file: badFile, line: 3, field: 'timestamp', message: 'expected an ISO-8601 timestamp or unix seconds, got "last tuesday"' },
      { file: badFile, line: 4, field: 'outcome.score', message: 'expected a score between 0 and 1, got 1.5' },
      { file: badFile, line: 5, field: 'response.usage.prompt_tokens', message: 'expected a non-negative token count, got -5' },
      {
        file: badFile,
        line: 6,
        field: undefined,
        message: expect.stringMatching(/^expected an OpenAI or Anthropic response body, or an Itemized log line/),
      },
      // Reasoning above output with a total that does not prove exclusion: the pipeline's validation rejects it.
      { file: badFile, line: 7, field: 'reasoning_tokens', message: 'reasoning tokens (9) exceed output tokens (5)' },
    ]);
  });

  test('a file whose first record is no body and wraps none is not a response log', async () => {
    expect(responseLogSource.detect({ response: { foo: 1 } }, 'x.jsonl')).toBe(false);
    expect(responseLogSource.detect({ hello: 'world' }, 'x.jsonl')).toBe(false);
    await expect(ingestText('{"response":{"foo":1}}\n', 'x.jsonl')).rejects.toThrow(/unrecognised format/);
  });

  test("another tool's record wrapping a body (LiteLLM StandardLoggingPayload) is not taken for a log line", () => {
    const sample = path.resolve(import.meta.dirname, '../../../shared/samples/litellm/standard_logging_payload.litellm-tests.json');
    const payload = JSON.parse(fs.readFileSync(sample, 'utf8'));
    expect(payload.response.object).toBe('chat.completion');
    expect(responseLogSource.detect(payload, sample)).toBe(false);
  });

  test.each([
    ['bare OpenAI body', { object: 'chat.completion', usage: { prompt_tokens: 1 } }],
    ['bare Anthropic body', { type: 'message', usage: { input_tokens: 1, output_tokens: 1 } }],
    ['log line wrapping an OpenAI body', { request_id: 'r', response: { object: 'response', usage: null } }],
    ['log line wrapping an Anthropic body', { response: { type: 'message', usage: { input_tokens: 1, output_tokens: 1 } } }],
  ])('detects a %s', (_name, first) => {
    expect(responseLogSource.detect(first, 'x.jsonl')).toBe(true);
  });
});
