import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { claudeCodeSource, fileStem, folderOf, lastPathSegment } from './claude-code';
import { parseInput } from './pipeline';
import type { IngestIssue, UsageEvent } from './types';

const FIX = path.resolve(import.meta.dirname, '__fixtures__/claude-code');
const MTIME = new Date('2026-01-01T00:00:00Z');

async function collect(input: { path: string } | { lines: unknown[]; file: string }) {
  const file = 'path' in input ? input.path : input.file;
  const stream =
    'path' in input
      ? fs.createReadStream(input.path)
      : Readable.from([Buffer.from(`${input.lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`)]);
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

/** One assistant usage line in the current Claude Code shape. */
function assistant(id: string, usage: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'assistant',
    sessionId: 'sess-1',
    uuid: `u-${id}`,
    isSidechain: false,
    timestamp: '2026-03-10T09:00:00.000Z',
    requestId: `req_${id}`,
    message: { id: `msg_${id}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [], usage },
    ...extra,
  };
}
const small = { input_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 5 };

describe('path helpers', () => {
  test.each([
    ['e:\\Workspace\\src\\github\\claude-code-log', 'claude-code-log'],
    ['/Users/dev/src/itemized/', 'itemized'],
    ['C:\\', null],
    ['', null],
  ])('lastPathSegment(%j) = %j', (p, want) => {
    expect(lastPathSegment(p)).toBe(want);
  });

  test('folderOf and fileStem', () => {
    expect(folderOf('/h/.claude/projects/-h-src-app/abc.jsonl')).toBe('-h-src-app');
    expect(folderOf('/h/.claude/projects/-h-src-app/abc/subagents/agent-1.jsonl', 3)).toBe('-h-src-app');
    expect(folderOf('abc.jsonl')).toBeNull();
    expect(fileStem('C:\\x\\0199-abc.jsonl')).toBe('0199-abc');
  });
});

describe('detection', () => {
  test.each([
    ['summary line', { type: 'summary', summary: 's', leafUuid: 'u' }, true],
    ['user line', { type: 'user', sessionId: 's', uuid: 'u', message: { role: 'user', content: 'hi' } }, true],
    ['assistant line', assistant('a', small), true],
    ['ccusage minimal line', { timestamp: '2026-01-09T10:00:00Z', sessionId: 's', message: { usage: small }, requestId: 'r' }, true],
    ['Codex line', { timestamp: 't', type: 'turn_context', payload: { model: 'gpt-5' } }, false],
    ['Messages body', { type: 'message', usage: small }, false],
    ['random object', { type: 'user', name: 'x' }, false],
  ])('%s', (_n, first, want) => {
    expect(claudeCodeSource.detect(first, 'x.jsonl')).toBe(want);
  });
});

describe('session log', () => {
  test('streamed message counted once, from its most complete copy', async () => {
    const r = await collect({ path: path.join(FIX, 'session-streamed.jsonl') });
    expect(r.source).toBe('claude_code');
    expect(r.issues).toEqual([]);
    expect(r.duplicates).toEqual([4, 5]);
    expect(r.events.map((e) => e.requestId)).toEqual(['req_01AaaStreamed', 'req_01BbbAgent', 'req_01CccThinking']);
    const [a, b, c] = r.events;
    // Three lines of one message: output grows 1, 1, 260; the time is the first line's.
    expect(a).toMatchObject({
      dedupeKey: 'claude_code:msg_01AaaStreamed|req_01AaaStreamed',
      occurredAt: new Date('2026-03-10T09:00:03.100Z'),
      inputTokens: 21004,
      cachedInputTokens: 20000,
      cacheWriteTokens: 1000,
      outputTokens: 260,
      reasoningTokens: null,
      toolCalls: 1,
      project: 'itemized',
      traceId: '9d1f3c2a-5b7e-4f0a-9c61-2e8d4b6a7f10',
      vendor: 'anthropic',
      model: 'claude-opus-4-5',
      reportedCostUsd: null,
      billedCostUsd: null,
    });
    expect(a.tags).toEqual({
      service_tier: 'standard',
      cache_write_5m_tokens: 600,
      cache_write_1h_tokens: 400,
      isSidechain: false,
      gitBranch: 'main',
      version: '2.1.3',
    });
    // Agent progress line: usage nested in data.message.message.
    expect(b).toMatchObject({ inputTokens: 510, cachedInputTokens: 500, outputTokens: 40, toolCalls: 2, model: 'claude-haiku-4-5' });
    expect(b.tags).toMatchObject({ agentProgress: true, agentId: 'a7f3' });
    expect(b.occurredAt.toISOString()).toBe('2026-03-10T09:00:14.500Z');
    // Thinking is a subset of output; costUSD is Claude Code's estimate, never billed.
    expect(c).toMatchObject({
      inputTokens: 21007,
      outputTokens: 900,
      reasoningTokens: 700,
      reportedCostUsd: '0.0123',
      reportedBy: 'claude_code',
    });
    expect(c.tags).toMatchObject({ web_search_requests: 2, web_fetch_requests: 0 });
  });

  test('a repeat after other messages is still a duplicate; so is a sidechain replay under a new requestId', async () => {
    const lines = [
      assistant('a', small),
      assistant('b', small),
      assistant('a', small, { uuid: 'u-a2' }),
      assistant('b', small, { isSidechain: true, requestId: 'req_other' }),
    ];
    const r = await collect({ lines, file: 's.jsonl' });
    expect(r.events.map((e) => e.dedupeKey)).toEqual(['claude_code:msg_a|req_a', 'claude_code:msg_b|req_b']);
    expect(r.duplicates).toEqual([3, 4]);
  });

  test('skipped silently: other line types, API errors, synthetic messages, assistant lines without usage', async () => {
    const lines = [
      { type: 'summary', summary: 's', leafUuid: 'x' },
      { type: 'user', sessionId: 'sess-1', uuid: 'u1', message: { role: 'user', content: 'hi' } },
      { type: 'system', sessionId: 'sess-1', uuid: 'u2', content: 'compacted' },
      assistant('err', small, { isApiErrorMessage: true }),
      { ...assistant('syn', small), message: { id: 'msg_syn', model: '<synthetic>', usage: small } },
      { ...assistant('nousage', small), message: { id: 'msg_nousage', model: 'claude-sonnet-4-5', content: [] } },
      assistant('ok', small),
    ];
    const r = await collect({ lines, file: 's.jsonl' });
    expect(r.issues).toEqual([]);
    expect(r.duplicates).toEqual([]);
    expect(r.events.map((e) => e.requestId)).toEqual(['req_ok']);
  });

  test('issues: a line that is not an object, a usage line without a usable timestamp, negative tokens', async () => {
    const lines = [
      assistant('ok', small),
      '[1,2]',
      { ...assistant('nots', small), timestamp: undefined },
      assistant('badts', small, { timestamp: 'yesterday' }),
      assistant('neg', { ...small, output_tokens: -3 }),
    ];
    const r = await collect({ lines, file: 's.jsonl' });
    expect(r.events).toHaveLength(1);
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [2, undefined],
      [3, 'timestamp'],
      [4, 'timestamp'],
      [5, 'message.usage.output_tokens'],
    ]);
  });

  test('thinking above output is rejected by validation', async () => {
    const r = await collect({
      lines: [assistant('t', { ...small, output_tokens: 10, output_tokens_details: { thinking_tokens: 11 } })],
      file: 's.jsonl',
    });
    expect(r.events).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 1, field: 'reasoning_tokens' });
  });

  test.each([
    ['/home/me/.claude/projects/-home-me-src-app/0199.jsonl', '-home-me-src-app', 'sess-1'],
    ['/home/me/.claude/projects/-home-me-src-app/0199/subagents/agent-1.jsonl', '-home-me-src-app', 'sess-1'],
    ['C:\\Users\\me\\.claude\\projects\\C--src-app\\0199.jsonl', 'C--src-app', 'sess-1'],
  ])('without cwd, the project is the folder holding %s', async (file, project, traceId) => {
    const r = await collect({ lines: [assistant('a', small)], file });
    expect(r.events[0]).toMatchObject({ project, traceId });
  });

  test('without sessionId, the trace is the file name', async () => {
    const line = { ...assistant('a', small), sessionId: undefined };
    const r = await collect({ lines: [line], file: '/p/-x/abc-123.jsonl' });
    expect(r.events[0].traceId).toBe('abc-123');
  });
});
