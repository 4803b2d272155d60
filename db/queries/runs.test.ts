import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Connection, openConnection } from '../client';
import { ingestRuns } from '../schema';
import { getIngestRun, listIngestRuns, RUN_ERRORS_SHOWN } from './runs';

let conn: Connection;
beforeAll(async () => {
  conn = await openConnection({ inMemory: true });
});
afterAll(async () => {
  await conn?.close();
});

test('lists runs newest first with error lines sliced in SQL', async () => {
  const errors = Array.from({ length: 150 }, (_, i) => ({
    file: 'bad.jsonl',
    line: i + 1,
    field: 'usage.output_tokens',
    message: 'not an integer',
  }));
  await conn.db.insert(ingestRuns).values([
    {
      fileName: 'old.json',
      source: 'response_log',
      status: 'succeeded',
      rowsRead: 1,
      rowsInserted: 1,
      startedAt: new Date('2026-01-01T00:00:00Z'),
      durationMs: 12,
    },
    {
      fileName: 'bad.jsonl',
      source: 'openai_usage',
      status: 'failed',
      rowsRead: 150,
      rowsRejected: 150,
      startedAt: new Date('2026-01-02T00:00:00Z'),
      errors,
    },
    {
      fileName: 'mystery.bin',
      status: 'failed',
      startedAt: new Date('2026-01-03T00:00:00Z'),
      errors: [{ file: 'mystery.bin', message: 'unrecognised format' }],
    },
  ]);
  const runs = await listIngestRuns(conn.db, { limit: 10 });
  expect(runs.map((r) => r.fileName)).toEqual(['mystery.bin', 'bad.jsonl', 'old.json']);
  const bad = runs[1];
  expect(bad.errorCount).toBe(150);
  expect(bad.errors).toHaveLength(RUN_ERRORS_SHOWN);
  expect(bad.errors[0]).toEqual({ file: 'bad.jsonl', line: 1, field: 'usage.output_tokens', message: 'not an integer' });
  expect(runs[2]).toMatchObject({ errorCount: 0, errors: [], rowsInserted: 1, durationMs: 12, source: 'response_log' });
  expect(runs[2].startedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  expect((await listIngestRuns(conn.db, { limit: 1 })).map((r) => r.fileName)).toEqual(['mystery.bin']);
  expect((await getIngestRun(conn.db, runs[0].id))?.errors).toEqual([{ file: 'mystery.bin', message: 'unrecognised format' }]);
  expect(await getIngestRun(conn.db, 99999)).toBeNull();
});
