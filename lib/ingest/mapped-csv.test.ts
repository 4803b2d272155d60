/** CSV through a column mapping, on our own fixtures: every field, conventions, and bad rows named by line and column. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { type ColumnMapping, parseColumnMapping } from './mapping';
import { FIXTURES, ingestFile, ingestText } from './openai-testing';
import { formatIssue } from './types';

const dir = path.join(FIXTURES, 'mapped-csv');
const mapping = (text: string): ColumnMapping => {
  const r = parseColumnMapping(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.mapping;
};
const GATEWAY = mapping(fs.readFileSync(path.join(dir, 'gateway-export.yaml'), 'utf8'));
const EU = mapping(fs.readFileSync(path.join(dir, 'billing-eu.yaml'), 'utf8'));

describe('gateway export', () => {
  test('every mapped field lands where the contract says', async () => {
    const r = await ingestFile(path.join(dir, 'gateway-export.csv'), { mapping: GATEWAY });
    expect(r.source).toBe('mapped_csv');
    expect(r.issues).toEqual([]);
    expect(r.events).toHaveLength(4);
    const [a, b, c, d] = r.events;
    expect(a).toMatchObject({
      dedupeKey: 'mapped_csv:acme-gateway:id:req-001',
      occurredAt: new Date('2026-03-01T09:15:02Z'),
      vendor: 'openai',
      model: 'gpt-4o',
      modelRaw: 'gpt-4o-2024-08-06',
      modelCreator: 'openai',
      inputTokens: 1200,
      cachedInputTokens: 200,
      cacheWriteTokens: null,
      outputTokens: 300,
      reasoningTokens: null, // an empty cell is unknown, not 0
      reportedCostUsd: '0.00525',
      reportedBy: 'mapping:acme-gateway',
      billedCostUsd: null,
      requestId: 'req-001',
      team: 'support',
      workflow: 'ticket-triage',
      user: 'ana@example.com',
      tags: { mapping: 'acme-gateway', region: 'eu' },
      periodSeconds: 0,
      requestCount: 1,
    });
    expect([b.vendor, b.model, b.reasoningTokens, b.reportedCostUsd]).toEqual(['anthropic', 'claude-sonnet-4-5', 120, '0.0252']);
    expect([c.vendor, c.modelRaw, c.modelCreator, c.workflow]).toEqual([
      'openrouter',
      'anthropic/claude-3.5-sonnet',
      'anthropic',
      'summaries, weekly',
    ]);
    expect([d.cachedInputTokens, d.reportedCostUsd, d.workflow, d.user]).toEqual([null, null, null, null]);
  });
});

describe('bill with local times, cents and excluded cache/reasoning', () => {
  test('converted to our conventions; identical rows are two charges', async () => {
    const r = await ingestFile(path.join(dir, 'billing-eu.csv'), { mapping: EU });
    expect(r.issues).toEqual([]);
    expect(
      r.events.map((e) => [
        e.occurredAt.toISOString(),
        e.inputTokens,
        e.cachedInputTokens,
        e.outputTokens,
        e.reasoningTokens,
        e.billedCostUsd,
      ]),
    ).toEqual([
      ['2026-03-01T09:00:00.000Z', 1000, 100, 100, 60, '0.125'],
      ['2026-03-01T09:00:00.000Z', 1000, 100, 100, 60, '0.125'],
      ['2026-03-02T07:30:00.000Z', 50, 0, 10, 0, '0.003'],
    ]);
    const keys = r.events.map((e) => e.dedupeKey);
    expect(new Set(keys).size).toBe(3);
    expect(keys[1]).toBe(`${keys[0]}:2`);
    expect(r.events.every((e) => e.vendor === 'eu-reseller' && e.reportedCostUsd === null)).toBe(true);
  });

  test('the same rows hash the same however the columns are ordered', async () => {
    const text = fs.readFileSync(path.join(dir, 'billing-eu.csv'), 'utf8');
    const [header, ...rows] = text.trim().split('\n');
    const swap = (l: string) => {
      const f = l.split(',');
      return [f[1], f[0], ...f.slice(2)].join(',');
    };
    const a = await ingestText(text, 'a.csv', { mapping: EU });
    const b = await ingestText([swap(header), ...rows.map(swap)].join('\n'), 'b.csv', { mapping: EU });
    expect(b.events.map((e) => e.dedupeKey)).toEqual(a.events.map((e) => e.dedupeKey));
  });
});

describe('bad input names the line, the column and the mapping key', () => {
  const HEAD =
    'Request ID,Created (UTC),Provider,Model Name,Prompt Tokens,Cached Prompt Tokens,Completion Tokens,Thinking Tokens,Cost (USD),Team,Pipeline,User Email,Region';
  const run = async (rows: string[], m = GATEWAY) =>
    (await ingestText([HEAD, ...rows].join('\n'), 'bad.csv', { mapping: m })).issues.map(formatIssue);

  test.each([
    [
      'a timestamp in another format',
      'r1,01/03/2026,openai,gpt-4o,1,,1,,,,,,',
      'bad.csv, line 2: field Created (UTC) (mapping timestamp.column): expected a timestamp in format iso (ISO 8601), got "01/03/2026"',
    ],
    [
      'negative tokens',
      'r1,2026-03-01,openai,gpt-4o,-5,,1,,,,,,',
      'bad.csv, line 2: field Prompt Tokens (mapping tokens.input): expected a non-negative token count, got -5',
    ],
    [
      'text as tokens',
      'r1,2026-03-01,openai,gpt-4o,12k,,1,,,,,,',
      'bad.csv, line 2: field Prompt Tokens (mapping tokens.input): expected a whole number of tokens, got "12k"',
    ],
    [
      'cache above input',
      'r1,2026-03-01,openai,gpt-4o,10,20,1,,,,,,',
      "bad.csv, line 2: field Cached Prompt Tokens (mapping tokens.cached_input): cached (20) plus cache-write (0) tokens exceed input tokens (10); if the export's input excludes them, set tokens.input_includes_cached: false",
    ],
    [
      'reasoning above output',
      'r1,2026-03-01,openai,gpt-4o,10,,1,5,,,,,',
      "bad.csv, line 2: field Thinking Tokens (mapping tokens.reasoning): reasoning tokens (5) exceed output tokens (1); if the export's output excludes them, set tokens.output_includes_reasoning: false",
    ],
    [
      'a non-numeric cost',
      'r1,2026-03-01,openai,gpt-4o,1,,1,,1.2.3,,,,',
      'bad.csv, line 2: field Cost (USD) (mapping cost.column): expected a decimal amount, got "1.2.3"',
    ],
    [
      'an empty vendor cell',
      'r1,2026-03-01,,gpt-4o,1,,1,,,,,,',
      'bad.csv, line 2: field Provider (mapping vendor_column): expected the vendor who bills this usage, got an empty cell',
    ],
  ])('%s', async (_, row, want) => {
    expect(await run(['r0,2026-03-01,openai,gpt-4o,1,,1,,,,,,', row])).toEqual([want.replace('line 2', 'line 3')]);
  });

  test('a non-USD currency is refused, not converted', async () => {
    const m = mapping('name: x\nvendor: acme\ntimestamp: { column: Created (UTC) }\ncost: { column: Cost (USD), currency: EUR }\n');
    expect(await run(['r1,2026-03-01,openai,gpt-4o,1,,1,,0.5,,,,'], m)).toEqual([
      'bad.csv, line 2: field cost.currency (mapping): expected USD, got "EUR": amounts are stored in USD and there are no exchange rates; convert the export or leave cost unmapped',
    ]);
  });

  test('a mapped column missing from the header fails the whole file, naming key and column', async () => {
    const m = mapping('name: x\nvendor: acme\ntimestamp: { column: When }\ntokens: { input: Prompt Tokens, output: Output }\n');
    await expect(ingestText(`${HEAD}\nr1,2026-03-01,openai,gpt-4o,1,,1,,,,,,`, 'bad.csv', { mapping: m })).rejects.toThrow(
      'bad.csv, line 1: field When: mapping key timestamp.column names column "When"; mapping key tokens.output names column "Output", not in the CSV header (its columns: Request ID, Created (UTC),',
    );
  });

  test('a file that is not CSV is refused', async () => {
    await expect(ingestText('{"a": 1}\n', 'x.json', { mapping: GATEWAY })).rejects.toThrow(
      'source mapped_csv reads csv, but this file is json',
    );
  });
});
