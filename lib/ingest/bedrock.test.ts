import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { bedrockModel, bedrockSource, callerOf } from './bedrock';
import { openRecords } from './read';
import { listSources } from './registry';
import type { IngestIssue, UsageEvent } from './types';
import { checkEvent } from './validate';

const dir = path.resolve(import.meta.dirname, '__fixtures__/bedrock');

async function ingest(file: string, bytes?: Buffer): Promise<{ events: UsageEvent[]; issues: IngestIssue[]; detected: boolean }> {
  const opened = await openRecords(bytes ? Readable.from([bytes]) : fs.createReadStream(file), file);
  const detected = bedrockSource.detect(opened.first?.value, file);
  for (const s of listSources()) if (s.id !== bedrockSource.id) expect(s.detect(opened.first?.value, file), s.id).toBe(false);
  const ctx = { file, framing: opened.framing, fallbackTime: new Date('2026-01-01T00:00:00Z'), fallbackIsMtime: true };
  async function* good() {
    for await (const it of opened.items) {
      if ('bad' in it) throw new Error(it.bad.message);
      yield it;
    }
  }
  const events: UsageEvent[] = [];
  const issues: IngestIssue[] = [];
  for await (const it of bedrockSource.parse(good(), ctx)) {
    if (it.kind === 'event') {
      expect(checkEvent(it.event)).toEqual([]);
      events.push(it.event);
    } else if (it.kind === 'issue') issues.push(it.issue);
  }
  return { events, issues, detected };
}

describe('aws_bedrock: invocation logs (JSONL)', () => {
  const file = path.join(dir, 'invocations.jsonl');

  test('one event per record; input = uncached + cache read + cache write; reasoning unknown', async () => {
    const r = await ingest(file);
    expect(r.detected).toBe(true);
    expect(
      r.events.map((e) => [e.requestId, e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens, e.reasoningTokens]),
    ).toEqual([
      ['req-converse-1', 4, 0, 0, 38, null],
      ['req-invoke-2', 2572, 2048, 512, 300, null],
      // No counts in the log: the Converse body's usage (second cache spelling) is used; 100 + 900 + 20 = totalTokens 1020.
      ['req-stream-3', 1000, 900, 0, 20, null],
    ]);
    // The account id never reaches a stored field (only its hash does).
    expect(JSON.stringify(r.events)).not.toContain('111122223333');
    expect(r.events.every((e) => e.vendor === 'aws_bedrock' && e.billedCostUsd === null && e.periodSeconds === 0)).toBe(true);
  });

  test('Converse record field by field', async () => {
    const [e] = (await ingest(file)).events;
    expect(e).toMatchObject({
      dedupeKey: 'req-converse-1',
      occurredAt: new Date('2025-10-01T12:00:00Z'),
      timeInferred: false,
      requestCount: 1,
      model: 'nova-lite',
      modelRaw: 'amazon.nova-lite-v1:0',
      modelCreator: 'amazon',
      project: 'ml-platform',
      team: 'search',
      workflow: 'rerank',
      environment: 'prod',
      user: 'assumed-role/SearchApp/session-1',
      latencyMs: 302,
      toolCalls: 0,
      success: null,
    });
    expect(e.tags).toMatchObject({ operation: 'Converse', region: 'us-east-1', stop_reason: 'end_turn', team: 'search' });
    // The account id is only kept hashed.
    expect(JSON.stringify(e)).not.toContain('111122223333');
    expect(e.tags?.aws_account).toMatch(/^[0-9a-f]{16}$/);
  });

  test('inference-profile ARN, Anthropic body, application profile', async () => {
    const [, invoke, stream] = (await ingest(file)).events;
    expect(invoke).toMatchObject({
      model: 'claude-sonnet-4-5',
      modelCreator: 'anthropic',
      user: 'user/alice',
      toolCalls: 1,
      latencyMs: null,
    });
    expect(invoke.modelRaw).toBe('arn:aws:bedrock:us-east-1::inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(invoke.tags).toMatchObject({ inference_region: 'us-west-2', stop_reason: 'tool_use' });
    expect(stream).toMatchObject({ model: null, modelCreator: null, latencyMs: 1500, toolCalls: null });
  });

  test('bad records are issues with line and field; nothing throws', async () => {
    const r = await ingest(file);
    expect(r.issues).toEqual([
      { file, line: 4, field: 'input.inputTokenCount', message: 'expected a non-negative token count, got -5' },
      { file, line: 4, field: 'output.outputTokenCount', message: 'expected a whole number of tokens, got "many"' },
      { file, line: 5, field: 'timestamp', message: 'expected an ISO-8601 timestamp or unix seconds, got "last tuesday"' },
      { file, line: 6, message: 'expected a Bedrock ModelInvocationLog record, got {"hello":"world"}' },
    ]);
  });

  test('gzip (the S3 delivery) gives the same events', async () => {
    const plain = await ingest(file);
    const zipped = await ingest(`${file}.gz`, gzipSync(fs.readFileSync(file)));
    expect(zipped.events).toEqual(plain.events);
  });
});

describe('aws_bedrock: CloudWatch get-log-events output', () => {
  test('records inside events[].message', async () => {
    const file = path.join(dir, 'cloudwatch-get-log-events.json');
    const r = await ingest(file);
    expect(r.detected).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => [e.dedupeKey, e.model, e.modelCreator, e.inputTokens, e.outputTokens])).toEqual([
      ['cw-1', 'claude-haiku-4-5', 'anthropic', 10, 5],
      ['cw-2', 'mistral-large-2407', 'mistral', 7, 3],
    ]);
  });
});

describe('aws_bedrock: helpers', () => {
  test('model ids', () => {
    expect(bedrockModel('us.anthropic.claude-3-5-sonnet-20241022-v2:0')).toEqual({ model: 'claude-3-5-sonnet', creator: 'anthropic' });
    expect(bedrockModel('anthropic.claude-3-haiku-20240307-v1:0:200k')).toEqual({ model: 'claude-3-haiku', creator: 'anthropic' });
    expect(bedrockModel('arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0')).toEqual({
      model: 'llama3-1-70b-instruct',
      creator: 'meta',
    });
    expect(bedrockModel('qwen.qwen3-32b-v1:0')).toEqual({ model: 'qwen3-32b', creator: 'alibaba' });
    expect(bedrockModel('arn:aws:bedrock:us-east-1:1:application-inference-profile/abc')).toEqual({ model: null, creator: null });
    expect(bedrockModel(null)).toEqual({ model: null, creator: null });
  });

  test('caller ARNs lose partition and account', () => {
    expect(callerOf('arn:aws:iam::123:user/dheeraj')).toBe('user/dheeraj');
    expect(callerOf('arn:aws:sts::123:assumed-role/App/s')).toBe('assumed-role/App/s');
    expect(callerOf(null)).toBeNull();
  });

  test('detect', () => {
    expect(bedrockSource.detect({ schemaType: 'ModelInvocationLog' }, 'x.jsonl')).toBe(true);
    expect(bedrockSource.detect({ requestId: 'r', modelId: 'm', input: { inputTokenCount: 1 } }, 'x.jsonl')).toBe(true);
    expect(bedrockSource.detect({ usage: { inputTokens: 1 } }, 'x.json')).toBe(false);
    expect(bedrockSource.detect({ events: [] }, 'x.json')).toBe(false);
    expect(bedrockSource.detect('x', 'x.json')).toBe(false);
  });
});
