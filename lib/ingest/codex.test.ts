import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { codexSource } from './codex';
import { parseInput } from './pipeline';
import type { IngestIssue, UsageEvent } from './types';

const FIX = path.resolve(import.meta.dirname, '__fixtures__/codex');
const MTIME = new Date('2026-01-01T00:00:00Z');

async function collect(input: { path: string } | { lines: unknown[]; file: string }) {
  const file = 'path' in input ? input.path : input.file;
  const stream =
    'path' in input
      ? fs.createReadStream(input.path)
      : Readable.from([Buffer.from(`${input.lines.map((l) => JSON.stringify(l)).join('\n')}\n`)]);
  const parsed = await parseInput(stream, { file, fileMtime: MTIME });
  const out = {
    source: parsed.source.id,
    events: [] as UsageEvent[],
    issues: [] as IngestIssue[],
    duplicates: [] as (number | undefined)[],
  };
  for await (const it of parsed.items) {
    if (it.kind === 'event') out.events.push(it.event);
    else if (it.kind === 'issue') out.issues.push(it.issue);
    else if (it.kind === 'duplicate') out.duplicates.push(it.line);
  }
  return out;
}

type U = [input: number, cached: number, output: number, reasoning: number, total: number];
const usage = ([i, c, o, r, t]: U) => ({
  input_tokens: i,
  cached_input_tokens: c,
  output_tokens: o,
  reasoning_output_tokens: r,
  total_tokens: t,
});
const tokenCount = (ts: string, info: Record<string, unknown> | null) => ({
  timestamp: ts,
  type: 'event_msg',
  payload: { type: 'token_count', info },
});
const turn = (model: string) => ({ timestamp: '2026-03-11T08:00:00Z', type: 'turn_context', payload: { model } });
const tok = (e: UsageEvent) => [e.inputTokens, e.cachedInputTokens, e.outputTokens, e.reasoningTokens];

describe('detection', () => {
  test.each([
    ['session_meta', { timestamp: 't', type: 'session_meta', payload: { id: 'x', cwd: '/a' } }, true],
    ['turn_context', turn('gpt-5'), true],
    ['token_count', tokenCount('t', null), true],
    ['Claude Code line', { type: 'assistant', sessionId: 's', message: { usage: {} } }, false],
    ['type without payload', { type: 'event_msg' }, false],
  ])('%s', (_n, first, want) => {
    expect(codexSource.detect(first, 'rollout.jsonl')).toBe(want);
  });
});

describe('session log', () => {
  test('deltas of the cumulative total; a re-emitted total is a duplicate; last_token_usage when no total', async () => {
    const r = await collect({ path: path.join(FIX, 'rollout-repeat.jsonl') });
    expect(r.source).toBe('codex');
    expect(r.issues).toEqual([]);
    expect(r.duplicates).toEqual([6]);
    // Totals 5000/3000/400/256 then 12000/9000/1000/640 -> second delta 7000/6000/600/384; then a last-only record.
    expect(r.events.map(tok)).toEqual([
      [5000, 3000, 400, 256],
      [7000, 6000, 600, 384],
      [100, 0, 50, 20],
    ]);
    expect(r.events.map((e) => e.model)).toEqual(['gpt-5-codex', 'gpt-5-codex', 'gpt-5.1-codex-mini']);
    const session = '0199b7e2-3c4d-7a10-9f00-5e6d7c8b9a01';
    expect(r.events.map((e) => e.dedupeKey)).toEqual([
      `codex:${session}|5400`,
      `codex:${session}|13000`,
      `codex:${session}|2026-03-11T08:02:20.000Z`,
    ]);
    for (const e of r.events)
      expect(e).toMatchObject({
        vendor: 'openai',
        modelCreator: 'openai',
        project: 'itemized',
        traceId: session,
        cacheWriteTokens: null,
        requestCount: 1,
        periodSeconds: 0,
        tags: { cli_version: '0.46.0' },
      });
    expect(r.events[1].occurredAt.toISOString()).toBe('2026-03-11T08:01:10.000Z');
  });

  test('reasoning above output is read as reasoning-exclusive: output + reasoning, tagged', async () => {
    const r = await collect({
      lines: [turn('grok-code'), tokenCount('2026-03-11T08:00:05Z', { last_token_usage: usage([12, 0, 2, 320, 334]) })],
      file: 'x.jsonl',
    });
    expect(r.issues).toEqual([]);
    expect(r.events.map(tok)).toEqual([[12, 0, 322, 320]]);
    expect(r.events[0].tags).toEqual({ reasoning_convention: 'excluded' });
  });

  test('reasoning within output is the inclusive convention: output unchanged, no tag', async () => {
    const r = await collect({
      lines: [turn('gpt-5'), tokenCount('2026-03-11T08:00:05Z', { last_token_usage: usage([12, 0, 330, 320, 342]) })],
      file: 'x.jsonl',
    });
    expect(r.events.map(tok)).toEqual([[12, 0, 330, 320]]);
    expect(r.events[0].tags).toBeNull();
  });

  test('the model comes from info.model, else the last turn_context', async () => {
    const lines = [
      turn('gpt-5-codex'),
      tokenCount('2026-03-11T08:00:05Z', { model: 'gpt-5.2-codex', total_token_usage: usage([10, 0, 1, 0, 11]) }),
      tokenCount('2026-03-11T08:00:06Z', { total_token_usage: usage([20, 0, 2, 0, 22]) }),
    ];
    const r = await collect({ lines, file: 'x.jsonl' });
    expect(r.events.map((e) => e.model)).toEqual(['gpt-5.2-codex', 'gpt-5-codex']);
  });

  test('a cumulative total that goes backwards restarts the count from last_token_usage', async () => {
    const lines = [
      turn('gpt-5'),
      tokenCount('2026-03-11T08:00:01Z', { total_token_usage: usage([900, 0, 90, 0, 990]) }),
      tokenCount('2026-03-11T08:00:02Z', { total_token_usage: usage([100, 0, 10, 0, 110]), last_token_usage: usage([100, 0, 10, 0, 110]) }),
      tokenCount('2026-03-11T08:00:03Z', { total_token_usage: usage([150, 0, 15, 0, 165]) }),
    ];
    const r = await collect({ lines, file: 'x.jsonl' });
    expect(r.events.map(tok)).toEqual([
      [900, 0, 90, 0],
      [100, 0, 10, 0],
      [50, 0, 5, 0],
    ]);
    expect(r.events[1].tags).toEqual({ counter_reset: true });
  });

  test('issues: no timestamp, negative counts, a non-object line; later deltas stay right', async () => {
    const lines = [
      turn('gpt-5'),
      tokenCount('2026-03-11T08:00:01Z', { total_token_usage: usage([100, 0, 10, 0, 110]) }),
      { type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: usage([300, 0, 30, 0, 330]) } } },
      tokenCount('2026-03-11T08:00:03Z', { total_token_usage: { ...usage([400, 0, 40, 0, 440]), output_tokens: -1 } }),
      'not an object',
      tokenCount('2026-03-11T08:00:05Z', { total_token_usage: usage([350, 50, 35, 5, 385]) }),
    ];
    const r = await collect({ lines, file: 'x.jsonl' });
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [3, 'timestamp'],
      [4, 'payload.info.total_token_usage.output_tokens'],
      [5, undefined],
    ]);
    // The untimed record still moved the running total to 300, so the last delta is 350 - 300.
    expect(r.events.map(tok)).toEqual([
      [100, 0, 10, 0],
      [50, 50, 5, 5],
    ]);
  });

  test.each([
    ['/home/me/.codex/sessions/2026/03/11/rollout-2026-03-11T08-00-00-0199.jsonl', null, 'rollout-2026-03-11T08-00-00-0199'],
    ['/exports/team-a/session-7.jsonl', 'team-a', 'session-7'],
  ])('without session_meta: project from %s is %j, trace from the file name', async (file, project, traceId) => {
    const r = await collect({
      lines: [turn('gpt-5'), tokenCount('2026-03-11T08:00:01Z', { last_token_usage: usage([1, 0, 1, 0, 2]) })],
      file,
    });
    expect(r.events[0]).toMatchObject({ project, traceId });
  });

  test('a Windows cwd in session_meta names the project', async () => {
    const meta = {
      timestamp: '2026-03-11T08:00:00Z',
      type: 'session_meta',
      payload: { id: 'sess-w', cwd: 'C:\\Users\\dev\\src\\billing-api' },
    };
    const r = await collect({
      lines: [meta, turn('gpt-5'), tokenCount('2026-03-11T08:00:01Z', { last_token_usage: usage([1, 0, 1, 0, 2]) })],
      file: 'x.jsonl',
    });
    expect(r.events[0]).toMatchObject({ project: 'billing-api', traceId: 'sess-w', dedupeKey: 'codex:sess-w|2026-03-11T08:00:01.000Z' });
  });
});
