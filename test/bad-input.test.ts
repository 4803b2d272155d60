/**
 * Every bad input the foundation issue lists, through the real CLI: non-zero exit, a message naming
 * file, line or record and field, nothing written from the bad file, and the good file in the same
 * command still loads.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from './cli';
import { samplePath } from './samples';

const work = mkdtempSync(path.join(tmpdir(), 'itemized-bad-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GOOD = samplePath('anthropic/messages-thinking-usage.vercel-ai.json');

function logLine(usage: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    timestamp: '2026-03-01T10:00:00Z',
    request_id: `req-${Math.random().toString(36).slice(2)}`,
    ...extra,
    response: { id: 'chatcmpl-x', object: 'chat.completion', created: 1772359200, model: 'gpt-4.1-mini', choices: [], usage },
  });
}
const okUsage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

const cases: { name: string; file: string; content: string | Buffer; expect: RegExp; line?: number; record?: number; field?: RegExp }[] = [
  { name: 'empty file', file: 'empty.jsonl', content: '', expect: /empty/ },
  { name: 'not JSON', file: 'notes.json', content: 'this is not json at all\nnor csv\n', expect: /unrecognised format|not valid/ },
  {
    name: "another vendor's JSON",
    file: 'bedrock.json',
    content: readFileSync(samplePath('aws-bedrock/converse-response-reasoning.vercel-ai.json')),
    expect: /unrecognised format/,
    record: 1,
  },
  {
    name: 'CSV missing a required column',
    file: 'completions_usage_2026-01-01_2026-01-31.csv',
    content:
      'start_time,end_time,start_time_iso,end_time_iso,output_tokens,num_model_requests\n1767225600,1767312000,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,500,5\n',
    expect: /input_tokens/,
    field: /input_tokens/,
  },
  {
    name: 'negative tokens',
    file: 'neg.jsonl',
    content: `${logLine({ prompt_tokens: -5, completion_tokens: 5, total_tokens: 0 })}\n`,
    expect: /non-negative/,
    line: 1,
    field: /prompt_tokens|input_tokens/,
  },
  {
    name: 'reasoning above output',
    file: 'reasoning.jsonl',
    content: `${logLine(okUsage)}\n${logLine({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, completion_tokens_details: { reasoning_tokens: 50 } })}\n`,
    expect: /exceed output/,
    line: 2,
    field: /reasoning_tokens/,
  },
  {
    name: 'cached above input',
    file: 'cached.jsonl',
    content: `${logLine({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 20 } })}\n`,
    expect: /exceed input/,
    line: 1,
    field: /cached_input_tokens/,
  },
  {
    name: 'a non-numeric cost',
    file: 'costs.json',
    content: JSON.stringify({
      object: 'page',
      data: [
        {
          object: 'bucket',
          start_time: 1730419200,
          end_time: 1730505600,
          results: [
            { object: 'organization.costs.result', amount: { value: 'twelve', currency: 'usd' }, line_item: null, project_id: null },
          ],
        },
      ],
      has_more: false,
      next_page: null,
    }),
    expect: /decimal/,
    record: 1,
    field: /amount/,
  },
  {
    name: 'an unparseable timestamp',
    file: 'time.jsonl',
    content: `${logLine(okUsage, { timestamp: 'last tuesday' })}\n`,
    expect: /timestamp/,
    line: 1,
    field: /timestamp/,
  },
  {
    name: 'a truncated gzip',
    file: 'cut.jsonl.gz',
    content: gzipSync(Buffer.from(`${logLine(okUsage)}\n`.repeat(2000))).subarray(0, 600),
    expect: /gzip/,
  },
];

describe('bad input through the CLI', () => {
  test.each(cases)('$name: rejected with location, good file still loads', async (c) => {
    const dir = path.join(work, c.file.replace(/\W/g, '_'));
    mkdirSync(dir, { recursive: true });
    const bad = path.join(dir, c.file);
    writeFileSync(bad, c.content);
    const env = { ITEMIZED_DATA_DIR: path.join(dir, 'data') };
    const r = await runCli(['ingest', '--json', bad, GOOD], env);
    expect(r.code).not.toBe(0);
    const out = JSON.parse(r.stdout) as {
      files: {
        file: string;
        status: string;
        rows_inserted: number;
        issues: { file: string; line?: number; record?: number; field?: string; message: string }[];
      }[];
    };
    const badRun = out.files.find((f) => f.file === bad)!;
    const goodRun = out.files.find((f) => f.file === GOOD)!;
    expect(badRun.status).toBe('failed');
    expect(badRun.rows_inserted).toBe(0);
    const issue = badRun.issues.find((i) => c.expect.test(i.message) || c.field?.test(i.field ?? ''));
    expect(issue, JSON.stringify(badRun.issues)).toBeDefined();
    expect(issue!.file).toBe(bad);
    if (c.line !== undefined) expect(issue!.line).toBe(c.line);
    if (c.record !== undefined) expect(issue!.record).toBe(c.record);
    if (c.field) expect(issue!.field).toMatch(c.field);
    expect(goodRun).toMatchObject({ status: 'succeeded', rows_inserted: 1 });
    // Nothing from the bad file: the database holds exactly the good file's one request.
    const s = await runCli(['summary', '--json'], env);
    expect(JSON.parse(s.stdout).totals).toMatchObject({ requests: 1, input_tokens: 51, output_tokens: 1699 });
  });

  test('the advice after a failed file: --skip-invalid for bad records, not for a missing column it cannot fix', async () => {
    const dir = path.join(work, 'advice');
    mkdirSync(dir, { recursive: true });
    const env = { ITEMIZED_DATA_DIR: path.join(dir, 'data') };
    const column = cases.find((c) => c.name === 'CSV missing a required column')!;
    const records = cases.find((c) => c.name === 'negative tokens')!;
    const [a, b] = [path.join(dir, column.file), path.join(dir, records.file)];
    writeFileSync(a, column.content);
    writeFileSync(b, records.content);
    const r = await runCli(['ingest', a, b], env);
    expect(r.code).not.toBe(0);
    const [aOut, bOut] = [a, b].map((f) => r.stderr.slice(r.stderr.indexOf(`FAILED  ${f}`)).split('\nFAILED')[0]);
    expect(aOut).toContain('it lacks the columns named above, so --skip-invalid cannot help');
    expect(aOut).not.toContain('or use --skip-invalid');
    expect(bOut).toContain('fix the records above or use --skip-invalid');
  });

  test('--skip-invalid loads the valid records and lists every rejected one with its reason', async () => {
    const dir = path.join(work, 'skip');
    mkdirSync(dir, { recursive: true });
    const f = path.join(dir, 'mixed.jsonl');
    writeFileSync(
      f,
      [logLine(okUsage), logLine({ prompt_tokens: -1, completion_tokens: 1, total_tokens: 0 }), 'not json', logLine(okUsage)].join('\n'),
    );
    const env = { ITEMIZED_DATA_DIR: path.join(dir, 'data') };
    const r = await runCli(['ingest', '--skip-invalid', f], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PARTIAL/);
    expect(r.stdout).toMatch(/line 2.*prompt_tokens|line 2.*input_tokens/);
    expect(r.stdout).toMatch(/line 3.*not valid JSON/);
    const s = await runCli(['summary', '--json'], env);
    expect(JSON.parse(s.stdout).totals).toMatchObject({ requests: 2, input_tokens: 20 });
  });
});
