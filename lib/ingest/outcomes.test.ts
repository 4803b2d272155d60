/** Outcomes files (CSV, JSONL) parsed on our fixtures; the join to usage is tested in db/queries/outcomes.test.ts. */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIXTURES, ingestFile, ingestText } from './openai-testing';
import { listSources } from './registry';
import type { OutcomeRecord, ParsedItem } from './types';

const dir = path.join(FIXTURES, 'outcomes');
const outcomesOf = (items: ParsedItem[]): OutcomeRecord[] => items.flatMap((i) => (i.kind === 'outcome' ? [i.outcome] : []));

describe('outcomes files', () => {
  test('CSV: request- or trace-keyed rows, success as true/false/1/0 in any case, optional score', async () => {
    const r = await ingestFile(path.join(dir, 'ci-results.csv'));
    expect(r.source).toBe('outcomes');
    expect(r.issues).toEqual([]);
    expect(r.events).toEqual([]);
    expect(outcomesOf(r.items)).toEqual([
      { keyKind: 'request_id', key: 'req-1', success: true, score: '1', outcomeSource: 'ci-tests' },
      { keyKind: 'request_id', key: 'req-2', success: false, score: null, outcomeSource: 'ci-tests' },
      { keyKind: 'trace_id', key: 'task-9', success: true, score: '0.75', outcomeSource: 'eval-run' },
      { keyKind: 'request_id', key: 'req-3', success: false, score: '0.2', outcomeSource: 'user-acceptance' },
    ]);
  });

  test('JSONL: a score alone leaves success unknown (no threshold guessed); repeats are kept in order for the loader', async () => {
    const r = await ingestFile(path.join(dir, 'evals.jsonl'));
    expect(r.source).toBe('outcomes');
    expect(outcomesOf(r.items).map((o) => [o.keyKind, o.key, o.success, o.score])).toEqual([
      ['trace_id', 'task-7', true, '0.9'],
      ['request_id', 'req-4', null, '0.35'],
      ['request_id', 'req-5', false, null],
      ['request_id', 'req-5', true, null],
    ]);
  });

  test('a row with both ids is request-level', async () => {
    const r = await ingestText('{"request_id":"r","trace_id":"t","success":1}\n', 'o.jsonl');
    expect(outcomesOf(r.items)).toEqual([{ keyKind: 'request_id', key: 'r', success: true, score: null, outcomeSource: null }]);
  });

  test('bad rows name line and field: no key, no value, score out of range, bad booleans', async () => {
    const r = await ingestText(
      [
        'request_id,trace_id,success,score,outcome_source',
        ',,true,,ci',
        'r2,,,,ci',
        'r3,,true,1.5,ci',
        'r4,,yes,,ci',
        'r5,,1,-0.1,ci',
        'r6,,1,abc,ci',
        'r7,,1,,ci',
      ].join('\n'),
      'o.csv',
    );
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'request_id'],
      [3, 'success'],
      [4, 'score'],
      [5, 'success'],
      [6, 'score'],
      [7, 'score'],
    ]);
    expect(r.issues[2].message).toMatch(/between 0 and 1/);
    expect(outcomesOf(r.items).map((o) => o.key)).toEqual(['r7']);
  });

  test('a CSV header without a key or a value column reads no row', async () => {
    const r = await ingestText('request_id,outcome_source,note\nr1,ci,x\n', 'o.csv', { source: 'outcomes' });
    expect(r.issues).toEqual([
      { file: 'o.csv', line: 1, header: true, field: 'success', message: expect.stringContaining('success or score') },
    ]);
    expect(outcomesOf(r.items)).toEqual([]);
  });

  test('empty file; a JSON value that is not a row', async () => {
    await expect(ingestText('', 'o.csv', { source: 'outcomes' })).rejects.toThrow(/o\.csv: file is empty/);
    const r = await ingestText('[{"request_id":"r","success":true}, 5]', 'o.json');
    expect(r.issues).toEqual([{ file: 'o.json', record: 2, message: expect.stringMatching(/expected an outcome row/) }]);
  });

  test('usage records that carry request_id and success are not taken for outcome rows', () => {
    const outcomes = listSources().find((s) => s.id === 'outcomes')!;
    expect(outcomes.detect({ request_id: 'r', success: true }, 'x')).toBe(true);
    expect(outcomes.detect({ request_id: 'r', success: true, response: {} }, 'x')).toBe(false);
    expect(outcomes.detect({ request_id: 'r', spend: 1, startTime: 'x', score: 1 }, 'x')).toBe(false);
  });
});
