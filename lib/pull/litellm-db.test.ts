/**
 * `itemized pull litellm` against a real LiteLLM-shaped Postgres database (created and dropped on the
 * test server): loads the spend logs through the litellm source, a second pull adds nothing, rows
 * written late (startTime before the cursor) are picked up by the lookback, and the source database
 * is opened read-only. Our database is both PGlite and Postgres.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../../db/client';
import { getSummary } from '../../db/queries/summary';
import { postgresTestDatabase, testDatabases } from '../../db/testing';
import { readEnv } from '../env';
import { pullLitellmDatabase, safeDbUrl } from './litellm-db';

const admin = readEnv().TEST_DATABASE_URL;
const execFileAsync = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../../bin/itemized.mjs');
if (!admin)
  console.log('lib/pull/litellm-db.test.ts: TEST_DATABASE_URL unset: the LiteLLM database needs a Postgres server, tests skipped');

const usage = (prompt: number, completion: number, reasoning: number) =>
  JSON.stringify({
    usage_object: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      completion_tokens_details: { reasoning_tokens: reasoning },
    },
    user_api_key_team_alias: 'platform',
  });

/** LiteLLM's LiteLLM_SpendLogs table (schema.prisma), as a proxy's Postgres holds it. */
const SPEND_LOGS_DDL = `CREATE TABLE "LiteLLM_SpendLogs" (
      request_id text PRIMARY KEY, call_type text NOT NULL, api_key text NOT NULL DEFAULT '', spend double precision NOT NULL DEFAULT 0,
      total_tokens integer NOT NULL DEFAULT 0, prompt_tokens integer NOT NULL DEFAULT 0, completion_tokens integer NOT NULL DEFAULT 0,
      "startTime" timestamp(3) NOT NULL, "endTime" timestamp(3) NOT NULL, "completionStartTime" timestamp(3), model text NOT NULL DEFAULT '',
      model_id text DEFAULT '', model_group text DEFAULT '', custom_llm_provider text DEFAULT '', api_base text DEFAULT '', "user" text DEFAULT '',
      metadata jsonb DEFAULT '{}', cache_hit text DEFAULT '', cache_key text DEFAULT '', request_tags jsonb DEFAULT '[]', team_id text,
      end_user text, requester_ip_address text, messages jsonb DEFAULT '{}', response jsonb DEFAULT '{}', session_id text, status text,
      proxy_server_request jsonb DEFAULT '{}')`;

describe.skipIf(!admin).each(testDatabases())('pull litellm into $name', (tdb) => {
  const name = `litellm_src_${randomBytes(4).toString('hex')}`;
  const srcUrl = (() => {
    const u = new URL(admin!);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let src: postgres.Sql;
  let conn: Connection;
  const insert = (id: string, start: string, spend: number, prompt: number, completion: number, reasoning: number) =>
    src`INSERT INTO "LiteLLM_SpendLogs" (request_id, call_type, api_key, spend, total_tokens, prompt_tokens, completion_tokens,
          "startTime", "endTime", model, model_group, custom_llm_provider, "user", metadata, messages, response, team_id)
        VALUES (${id}, 'acompletion', 'hashed-key', ${spend}, ${prompt + completion}, ${prompt}, ${completion}, ${start}::timestamp,
          ${start}::timestamp + interval '2 seconds', 'gpt-4o', 'gpt-4o', 'openai', 'u1', ${usage(prompt, completion, reasoning)}::jsonb,
          '[{"role":"user","content":"a very long prompt"}]'::jsonb, '{}'::jsonb, 'team-1')`;
  beforeAll(async () => {
    const a = postgres(admin!, { max: 1, onnotice: () => {} });
    await a.unsafe(`CREATE DATABASE ${name}`);
    await a.end();
    src = postgres(srcUrl, { max: 1, onnotice: () => {} });
    // The columns of LiteLLM's schema.prisma that matter here (FORMATS.md 4a), as Prisma creates them.
    await src.unsafe(SPEND_LOGS_DDL);
    await insert('req-1', '2026-03-01 10:00:00.123', 0.0125, 1000, 200, 0);
    await insert('req-2', '2026-03-01 11:30:00', 0.000135, 30, 10, 4);
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
    await src?.end();
    const a = postgres(admin!, { max: 1, onnotice: () => {} });
    await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  });

  test('loads every spend log, then a second pull adds nothing', async () => {
    const r = await pullLitellmDatabase(conn, { databaseUrl: srcUrl, now: new Date('2026-03-02T00:00:00Z') });
    expect(r).toMatchObject({ status: 'succeeded', rowsInserted: 2, error: null });
    const s = await getSummary(conn, {});
    expect(s.totals).toMatchObject({
      requests: 2,
      input_tokens: 1030,
      output_tokens: 210,
      reasoning_tokens: 4,
      reported_cost_usd: '0.012635',
    }); // LiteLLM's spend is its own estimate: reported, never billed;
    const again = await pullLitellmDatabase(conn, { databaseUrl: srcUrl, now: new Date('2026-03-02T00:00:00Z') });
    expect(again).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsDuplicate: 1 }); // the lookback re-reads req-2 only
    expect((await getSummary(conn, {})).totals).toEqual(s.totals);
  });

  test('a row written late with an earlier start time is picked up by the lookback; one far behind the cursor is not re-read', async () => {
    await insert('req-late', '2026-03-01 11:00:00', 0.5, 10, 10, 0);
    await insert('req-new', '2026-03-01 12:00:00', 0.25, 10, 10, 0);
    await insert('req-ancient', '2026-02-01 12:00:00', 9, 10, 10, 0); // a day+ behind: beyond the lookback (documented limit)
    const r = await pullLitellmDatabase(conn, { databaseUrl: srcUrl, now: new Date('2026-03-02T00:00:00Z') });
    expect(r).toMatchObject({ status: 'succeeded', rowsInserted: 2 });
    expect((await getSummary(conn, {})).totals.reported_cost_usd).toBe('0.762635');
  });

  test('the source database is opened read-only; a database without the table fails clearly without the password', async () => {
    const ro = postgres(srcUrl, { max: 1, connection: { default_transaction_read_only: true } });
    await expect(ro`DELETE FROM "LiteLLM_SpendLogs"`).rejects.toThrow(/read-only transaction/);
    await ro.end();
    const withPassword = new URL(admin!);
    withPassword.password = 'hunter2secret';
    const r = await pullLitellmDatabase(conn, { databaseUrl: withPassword.toString() });
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/no "LiteLLM_SpendLogs" table in postgres:\/\/postgres@/);
    expect(r.error).not.toContain('hunter2secret');
    expect(safeDbUrl('postgres://u:p@h:5432/db')).toBe('postgres://u@h:5432/db');
  });
});

describe.skipIf(!admin)('the CLI: itemized pull litellm --database-url', () => {
  test('first pull loads every row, the second loads none (JSON summary, exit 0)', async () => {
    const source = postgresTestDatabase(admin!);
    const target = postgresTestDatabase(admin!);
    await (await source.open()).close(); // created (our migrations are harmless beside the LiteLLM table)
    await (await target.open()).close();
    const src = postgres(source.url!, { max: 1, onnotice: () => {} });
    try {
      await src.unsafe(SPEND_LOGS_DDL);
      for (const [id, start] of [
        ['cli-1', '2026-03-01 10:00:00'],
        ['cli-2', '2026-03-01 10:05:00'],
        ['cli-3', '2026-03-02 09:00:00'],
      ])
        await src`INSERT INTO "LiteLLM_SpendLogs" (request_id, call_type, spend, total_tokens, prompt_tokens, completion_tokens,
            "startTime", "endTime", model, custom_llm_provider, metadata)
          VALUES (${id}, 'acompletion', 0.001, 15, 10, 5, ${start}::timestamp, ${start}::timestamp + interval '1 second', 'gpt-4o',
            'openai', ${usage(10, 5, 0)}::jsonb)`;
      const pull = () =>
        execFileAsync(process.execPath, [CLI, 'pull', 'litellm', '--database-url', source.url!, '--since', '2026-01-01', '--json'], {
          env: { ...process.env, DATABASE_URL: target.url! },
        });
      const first = JSON.parse((await pull()).stdout).pulls[0];
      expect(first).toMatchObject({ status: 'succeeded', rows_inserted: 3, error: null });
      const second = JSON.parse((await pull()).stdout).pulls[0];
      expect(second).toMatchObject({ status: 'succeeded', rows_inserted: 0 });
    } finally {
      await src.end();
      await source.dispose();
      await target.dispose();
    }
  }, 60_000);
});
