/**
 * Every real sample in shared/samples/claude-code (read in place, never copied) through the whole pipeline
 * (framing + detection + validation). The expected totals were worked out by hand from the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { expect, test } from 'vitest';
import { parseInput } from './pipeline';
import type { IngestIssue, SourceId, UsageEvent } from './types';

const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples/claude-code');

interface Expected {
  source: SourceId;
  duplicates: number;
  /** Per event, in file order: [input, cached, cacheWrite, output, reasoning]. */
  tokens: (number | null)[][];
  models: string[];
  dedupeKeys: string[];
  project: string;
  traceId: string;
  /** Sum of reportedCostUsd, or null when no line reports a cost. */
  reportedCost: string | null;
  toolCalls: (number | null)[];
}

const expected: Record<string, Expected> = {
  // Codex: cumulative totals 1000/250/125/75 then 3500/750/425/275 -> deltas 1000/250/125/75 and 2500/500/300/200.
  // Reasoning (75, 200) is within output (125, 300): OpenAI's inclusive convention, output kept as is.
  'ccusage-fixture-codex-session-alpha.jsonl': {
    source: 'codex',
    duplicates: 0,
    tokens: [
      [1000, 250, null, 125, 75],
      [2500, 500, null, 300, 200],
    ],
    models: ['gpt-5.2-codex', 'gpt-5.3-codex'],
    dedupeKeys: ['codex:ccusage-fixture-codex-session-alpha|1200', 'codex:ccusage-fixture-codex-session-alpha|4200'],
    project: 'claude-code',
    traceId: 'ccusage-fixture-codex-session-alpha',
    reportedCost: null,
    toolCalls: [null, null],
  },
  // input = input + cache_creation + cache_read: 100+25+10, 200+50+20, 300+0+40. costUSD 0.12 + 0.34 + 0.56.
  'ccusage-fixture-project-alpha.chat.jsonl': {
    source: 'claude_code',
    duplicates: 0,
    tokens: [
      [135, 10, 25, 50, null],
      [270, 20, 50, 75, null],
      [340, 40, 0, 125, null],
    ],
    models: ['claude-sonnet-4', 'claude-opus-4', 'claude-sonnet-4'],
    dedupeKeys: ['claude_code:msg-alpha-1|req-alpha-1', 'claude_code:msg-alpha-2|req-alpha-2', 'claude_code:msg-alpha-3|req-alpha-3'],
    project: 'claude-code',
    traceId: 'session-alpha',
    reportedCost: '1.02',
    toolCalls: [null, null, null],
  },
  // 50+5+15, 80+10+25; costUSD 0.03 + 0.04.
  'ccusage-fixture-project-beta.chat.jsonl': {
    source: 'claude_code',
    duplicates: 0,
    tokens: [
      [70, 15, 5, 25, null],
      [115, 25, 10, 35, null],
    ],
    models: ['claude-haiku-4-5', 'claude-haiku-4-5'],
    dedupeKeys: ['claude_code:msg-beta-1|req-beta-1', 'claude_code:msg-beta-2|req-beta-2'],
    project: 'claude-code',
    traceId: 'session-beta',
    reportedCost: '0.07',
    toolCalls: [null, null],
  },
  // 3 distinct messages; msg_017zj75dq… is written twice (text block, then tool_use block) and counted once.
  // 3+141272+0, 3+19830+0, 3+2952+141272. cwd is a Windows path: "e:\…\claude-code-log".
  'claude-code-log-sidechain_integrated.jsonl': {
    source: 'claude_code',
    duplicates: 1,
    tokens: [
      [141275, 0, 141272, 365, null],
      [19833, 0, 19830, 183, null],
      [144227, 141272, 2952, 190, null],
    ],
    models: ['claude-sonnet-4-5', 'claude-sonnet-4-5', 'claude-sonnet-4-5'],
    dedupeKeys: [
      'claude_code:msg_01H4wg8bFy2psdmQvJMU6kpD|req_011CVJ517iGrQqjVFtrWsUgP',
      'claude_code:msg_017zj75dqWUNqVxCUrhqbTkf|req_011CVJ51ytkcBEjrQhRNswqR',
      'claude_code:msg_011b5A5rZCXR7eBYR4VbohVZ|req_011CVJ5Au8m6JgC6Ly7SbVPv',
    ],
    project: 'claude-code-log',
    traceId: '88a8d761-7b9a-4bf1-a8ca-c1febe6bf358',
    reportedCost: null,
    // The first message holds a Task tool_use; the duplicated one's second line holds a Grep tool_use.
    toolCalls: [1, 1, 0],
  },
};

test('every sample has an expectation', () => {
  expect(fs.readdirSync(SAMPLES).sort()).toEqual(Object.keys(expected).sort());
});

test.each(Object.entries(expected))('%s', async (name, want) => {
  const p = path.join(SAMPLES, name);
  const parsed = await parseInput(fs.createReadStream(p), { file: p, fileMtime: new Date('2026-01-01T00:00:00Z') });
  const events: UsageEvent[] = [];
  const issues: IngestIssue[] = [];
  let duplicates = 0;
  for await (const it of parsed.items) {
    if (it.kind === 'event') events.push(it.event);
    else if (it.kind === 'issue') issues.push(it.issue);
    else if (it.kind === 'duplicate') duplicates++;
    else throw new Error(`unexpected ${it.kind}`);
  }
  expect(parsed.source.id).toBe(want.source);
  expect(issues).toEqual([]);
  expect(duplicates).toBe(want.duplicates);
  expect(events.map((e) => [e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens, e.reasoningTokens])).toEqual(
    want.tokens,
  );
  expect(events.map((e) => e.model)).toEqual(want.models);
  expect(events.map((e) => e.dedupeKey)).toEqual(want.dedupeKeys);
  expect(events.map((e) => e.toolCalls)).toEqual(want.toolCalls);
  for (const e of events) {
    expect(e).toMatchObject({
      project: want.project,
      traceId: want.traceId,
      periodSeconds: 0,
      requestCount: 1,
      billedCostUsd: null,
      timeInferred: false,
    });
    expect(e.vendor).toBe(want.source === 'codex' ? 'openai' : 'anthropic');
    expect(e.modelCreator).toBe(want.source === 'codex' ? 'openai' : 'anthropic');
  }
  const costs = events.map((e) => e.reportedCostUsd).filter((c): c is string => c !== null);
  expect(costs.length ? costs.reduce((a, c) => a.plus(c), new Decimal(0)).toFixed() : null).toBe(want.reportedCost);
  if (want.reportedCost !== null) for (const e of events) expect(e.reportedBy).toBe('claude_code');
});

test("sidechain sample: the duplicated message keeps its first line's time, and sub-agent lines are tagged", async () => {
  const p = path.join(SAMPLES, 'claude-code-log-sidechain_integrated.jsonl');
  const parsed = await parseInput(fs.createReadStream(p), { file: p, fileMtime: new Date('2026-01-01T00:00:00Z') });
  const items = [];
  for await (const it of parsed.items) items.push(it);
  expect(items.filter((i) => i.kind === 'duplicate').map((i) => i.line)).toEqual([4]);
  const events = items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
  expect(events.map((e) => e.occurredAt.toISOString())).toEqual([
    '2025-11-19T22:53:34.908Z',
    '2025-11-19T22:53:39.112Z',
    '2025-11-19T22:55:40.790Z',
  ]);
  expect(events.map((e) => e.tags?.isSidechain)).toEqual([false, true, false]);
  expect(events.map((e) => e.tags?.version)).toEqual(['2.0.46', '2.0.46', '2.0.46']);
  expect(events.map((e) => e.tags?.service_tier)).toEqual(['standard', 'standard', 'standard']);
});
