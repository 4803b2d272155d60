/**
 * Mixed files in one upload (issue 3, "Bad input"): good ones load, bad ones are reported, nothing partial.
 * The Imports page sends the files of one upload as one POST /api/imports each (per-file progress and
 * transaction, see route.ts), so an upload of a good, a bad and another good file is three requests in a row,
 * and a request that carries two files is refused whole (400) before anything is read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '@/db/client';
import { testDatabases } from '@/db/testing';
import { FIXTURES } from '@/lib/ingest/openai-testing';
import { useConnection } from '../_push/testing';
import { POST } from './route';

const fixture = (rel: string) => new File([fs.readFileSync(path.join(FIXTURES, rel))], path.basename(rel));

/** A response log whose first line is valid and whose second has a negative prompt_tokens: nothing of it may load. */
function badLog(): File {
  const line = (id: string, prompt: number) =>
    JSON.stringify({
      timestamp: '2026-03-05T10:00:00Z',
      request_id: id,
      response: {
        id: `chatcmpl-${id}`,
        object: 'chat.completion',
        created: 1772704800,
        model: 'gpt-4.1-mini',
        choices: [],
        usage: { prompt_tokens: prompt, completion_tokens: 5, total_tokens: prompt + 5 },
      },
    });
  return new File([`${line('mixed-ok', 10)}\n${line('mixed-bad', -5)}\n`], 'bad-log.jsonl');
}

function upload(files: File[]): Request {
  const form = new FormData();
  for (const f of files) form.append('file', f);
  return new Request('http://localhost/api/imports', { method: 'POST', body: form });
}

async function counts(conn: Connection) {
  const [r] = await conn.query<{ events: string; costs: string; bad: string }>(
    `SELECT (SELECT count(*) FROM usage_events)::text AS events, (SELECT count(*) FROM cost_lines)::text AS costs,
            (SELECT count(*) FROM usage_events WHERE request_id LIKE 'mixed-%')::text AS bad`,
  );
  return { events: Number(r.events), costs: Number(r.costs), bad: Number(r.bad) };
}

describe.each(testDatabases())('a mixed upload through POST /api/imports on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    process.env.ITEMIZED_AUTH = 'off'; // demo admin; the role checks have their own tests
    conn = await tdb.open();
    useConnection(conn);
  });
  afterAll(async () => {
    delete process.env.ITEMIZED_AUTH;
    await conn?.close();
    await tdb.dispose();
  });

  test('good files load, the bad one is reported with file, line and field, and nothing of it is stored', async () => {
    const files = [fixture('response-log/log-lines.jsonl'), badLog(), fixture('focus/focus-1.2-ai-charges.csv')];
    const results = [];
    for (const f of files) {
      const r = await POST(upload([f]));
      expect(r.status).toBe(200);
      results.push(await r.json());
    }
    const [good, bad, bill] = results;
    expect(good).toMatchObject({ file: 'log-lines.jsonl', source: 'response_log', status: 'succeeded' });
    expect(good.rowsInserted).toBeGreaterThan(0);
    expect(bill).toMatchObject({ file: 'focus-1.2-ai-charges.csv', source: 'focus', status: 'succeeded' });
    expect(bill.rowsInserted).toBeGreaterThan(0);
    expect(bad).toMatchObject({ file: 'bad-log.jsonl', source: 'response_log', status: 'failed', rowsInserted: 0 });
    expect(bad.issues).toContainEqual(
      expect.objectContaining({ file: 'bad-log.jsonl', line: 2, field: expect.stringMatching(/prompt_tokens|input_tokens/) }),
    );
    expect(await counts(conn)).toEqual({ events: good.rowsInserted, costs: bill.rowsInserted, bad: 0 });
    // The failed run is on record (the Imports page lists it with its issues), with no rows.
    const runs = await conn.query<{ file: string; status: string; rows_inserted: number }>(
      'SELECT file_name AS file, status, rows_inserted FROM ingest_runs ORDER BY id',
    );
    expect(runs.map((r) => [r.file, r.status, Number(r.rows_inserted)])).toEqual([
      ['log-lines.jsonl', 'succeeded', good.rowsInserted],
      ['bad-log.jsonl', 'failed', 0],
      ['focus-1.2-ai-charges.csv', 'succeeded', bill.rowsInserted],
    ]);
  });

  test('one request carrying a good and a bad file is refused whole: 400, nothing read, nothing stored', async () => {
    const before = await counts(conn);
    const r = await POST(upload([fixture('outcomes/evals.jsonl'), badLog()]));
    expect(r.status).toBe(400);
    expect((await r.json()).error).toBe('Expected exactly one "file" field with a file, got 2.');
    expect(await counts(conn)).toEqual(before);
  });
});
