/**
 * `itemized ingest --mapping map.yaml file.csv` through the real CLI, on the embedded database and on Postgres:
 * loads, re-ingest adds 0, a bad mapping loads nothing and names key and line, a bad row names line and column.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { testDatabases } from '../db/testing';
import { FIXTURES } from '../lib/ingest/openai-testing';
import { runCli } from '../test/cli';

const work = mkdtempSync(path.join(tmpdir(), 'itemized-mapping-'));
const CSV = path.join(FIXTURES, 'mapped-csv', 'gateway-export.csv');
const MAP = path.join(FIXTURES, 'mapped-csv', 'gateway-export.yaml');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(testDatabases())('ingest --mapping on $name', (tdb) => {
  let env: Record<string, string | undefined>;
  afterAll(() => tdb.dispose());

  test('loads the mapped rows; the same file again adds nothing', async () => {
    if (tdb.name === 'postgres') {
      await (await tdb.open()).close(); // creates the database and runs the migrations
      env = { DATABASE_URL: tdb.url };
    } else env = { ITEMIZED_DATA_DIR: path.join(work, 'data') };
    const first = await runCli(['ingest', '--json', '--mapping', MAP, CSV], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).files[0]).toMatchObject({
      source: 'mapped_csv',
      status: 'succeeded',
      rows_inserted: 4,
      rows_duplicate: 0,
    });
    const again = await runCli(['ingest', '--json', '--mapping', MAP, CSV], env);
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ rows_inserted: 0, rows_duplicate: 4 });
    const s = JSON.parse((await runCli(['summary', '--json'], env)).stdout);
    // 1200 + 5000 + 100 + 10 input; reported 0.00525 + 0.0252 + 0.00105, nothing billed.
    expect([
      s.totals.requests,
      s.totals.input_tokens,
      s.totals.output_tokens,
      s.totals.reported_cost_usd,
      s.totals.billed_cost_usd,
    ]).toEqual([4, 6310, 1155, '0.0315', null]);
    // The openai/acme-ft-model row has no list price: listed with the override that would price it.
    expect(s.unpriced_models.map((m: { model: string }) => m.model)).toEqual(['acme-ft-model']);
  });

  test('a bad mapping loads nothing and names the key and its line', async () => {
    const bad = path.join(work, `bad-${tdb.name}.yaml`);
    writeFileSync(
      bad,
      'name: acme-gateway\nvendor: openai\ntimestamp:\n  column: Created (UTC)\n  format: YYYY\ntokens:\n  inptu: Prompt Tokens\n',
    );
    const r = await runCli(['ingest', '--mapping', bad, CSV], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:7: tokens.inptu: unknown mapping key`);
    expect(r.stderr).toContain('nothing was loaded');
  });

  test('a bad row fails the file with its line and column; nothing from it is written', async () => {
    const csv = path.join(work, `rows-${tdb.name}.csv`);
    writeFileSync(
      csv,
      'Request ID,Created (UTC),Provider,Model Name,Prompt Tokens,Cached Prompt Tokens,Completion Tokens,Thinking Tokens,Cost (USD),Team,Pipeline,User Email,Region\n' +
        'new-1,2026-03-05 10:00:00,openai,gpt-4o,10,,5,,,,,,\n' +
        'new-2,2026-03-05 10:01:00,openai,gpt-4o,10,,five,,,,,,\n',
    );
    const r = await runCli(['ingest', '--mapping', MAP, csv], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${csv}, line 3: field Completion Tokens (mapping tokens.output): expected a whole number of tokens, got "five"`,
    );
    const s = JSON.parse((await runCli(['summary', '--json'], env)).stdout);
    expect(s.totals.requests).toBe(4);
  });
});
