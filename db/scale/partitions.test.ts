/**
 * Monthly partitioning of usage_events (migration 0012), on both databases: existing rows survive the
 * conversion, the loader creates each month's partition before inserting, the default partition only
 * catches rows that skipped the loader and is emptied into a month's partition when that is created,
 * and re-ingesting stays a no-op across partitions.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logLine } from '../../bench/gen-lines';
import { ingestFile } from '../../lib/ingest/load';
import type { Connection } from '../client';
import { migrationsFolder } from '../migrate';
import { listPartitions, splitDefaultPartition } from '../queries/partitions';
import { testDatabases } from '../testing';

const N = 3_000;
const text = Array.from({ length: N }, (_, i) => logLine(i, N, { days: 100 }).json).join('');

function ingestText(conn: Connection, file: string, body: string) {
  return ingestFile(conn, {
    file,
    input: (async function* () {
      yield Buffer.from(body);
    })(),
    fileMtime: new Date('2026-01-01T00:00:00Z'),
  });
}

const count = async (conn: Connection, sql: string) => Number((await conn.query<{ n: number | string }>(sql))[0].n);

describe.each(testDatabases())('usage_events partitions on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('usage_events is partitioned by range of occurred_at, with a default partition', async () => {
    const [r] = await conn.query<{ strategy: string; key: string }>(
      `SELECT partstrat AS strategy, pg_get_partkeydef('usage_events'::regclass) AS key FROM pg_partitioned_table
        WHERE partrelid = 'usage_events'::regclass`,
    );
    expect(r).toEqual({ strategy: 'r', key: 'RANGE (occurred_at)' });
    expect((await listPartitions(conn)).map((p) => p.name)).toContain('usage_events_default');
  });

  test('ingest creates one partition per month it loads, and nothing lands in the default partition', async () => {
    const r = await ingestText(conn, 'a.jsonl', text);
    expect(r.status).toBe('succeeded');
    expect(r.rowsInserted).toBe(N);
    const parts = await listPartitions(conn);
    const byName = Object.fromEntries(parts.map((p) => [p.name, p.rows]));
    // 100 days from 2026-01-01: January to April.
    for (const m of ['2026_01', '2026_02', '2026_03', '2026_04']) expect(byName[`usage_events_${m}`]).toBeGreaterThan(0);
    expect(byName.usage_events_default).toBe(0);
    expect(parts.reduce((a, p) => a + p.rows, 0)).toBe(N);
    expect(
      await count(conn, `SELECT count(*) AS n FROM usage_events_2026_02 WHERE occurred_at < '2026-02-01' OR occurred_at >= '2026-03-01'`),
    ).toBe(0);
  });

  test('re-ingesting the same file inserts nothing (the unique key holds across partitions)', async () => {
    const r = await ingestText(conn, 'a-again.jsonl', text);
    expect(r.rowsInserted).toBe(0);
    expect(r.rowsDuplicate).toBe(N);
    expect(await count(conn, 'SELECT count(*) AS n FROM usage_events')).toBe(N);
  });

  test('a row inserted for a month with no partition lands in the default, and moves when the month gets its partition', async () => {
    await conn.query(
      `INSERT INTO usage_events (dedupe_key, occurred_at, vendor, source) VALUES ('t:1', '2031-05-17T10:00:00Z', 'openai', 'test'),
         ('t:2', '2031-05-31T23:59:59.999Z', 'openai', 'test'), ('t:3', '2031-06-01T00:00:00Z', 'openai', 'test')`,
    );
    const ids = await conn.query<{ id: number | string }>(`SELECT id FROM usage_events WHERE source = 'test' ORDER BY id`);
    expect(await count(conn, 'SELECT count(*) AS n FROM usage_events_default')).toBe(3);
    const [{ created }] = await conn.query<{ created: boolean }>(`SELECT usage_events_ensure_partition('2031-05-09T00:00:00Z') AS created`);
    expect(created).toBe(true);
    // May's two rows moved (ids kept); June's stays in the default until June gets its partition.
    expect(await count(conn, 'SELECT count(*) AS n FROM usage_events_2031_05')).toBe(2);
    expect(await count(conn, 'SELECT count(*) AS n FROM usage_events_default')).toBe(1);
    const after = await conn.query<{ id: number | string }>(`SELECT id FROM usage_events WHERE source = 'test' ORDER BY id`);
    expect(after.map((r) => Number(r.id))).toEqual(ids.map((r) => Number(r.id)));
    // Idempotent: a second call creates nothing and moves nothing.
    const [{ again }] = await conn.query<{ again: boolean }>(`SELECT usage_events_ensure_partition('2031-05-20T00:00:00Z') AS again`);
    expect(again).toBe(false);
    // The dedupe key still holds for a row that moved.
    await conn.query(`INSERT INTO usage_events (dedupe_key, occurred_at, vendor, source) VALUES ('t:1', '2031-05-17T10:00:00Z', 'openai', 'test')
      ON CONFLICT ON CONSTRAINT usage_events_dedupe_key_occurred_at_key DO NOTHING`);
    expect(await count(conn, `SELECT count(*) AS n FROM usage_events WHERE dedupe_key = 't:1'`)).toBe(1);
  });

  test('live months exist ahead of their first event', async () => {
    const now = new Date();
    const ahead = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
    const name = (d: Date) => `usage_events_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    const names = (await listPartitions(conn)).map((p) => p.name);
    expect(names).toContain(name(now));
    expect(names).toContain(name(ahead));
  });
});

describe.each(testDatabases().filter((d) => d.name === 'postgres'))('default partition under concurrency ($name)', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('while another transaction uses the table the split gives up (rows stay exact in the default), then succeeds', async () => {
    await conn.query(
      `INSERT INTO usage_events (dedupe_key, occurred_at, vendor, source) VALUES ('t:9', '2032-03-03T00:00:00Z', 'openai', 'test')`,
    );
    const other = await tdb.open(); // a second session (PGlite has only one, hence Postgres only)
    try {
      const during = await other.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM usage_events LIMIT 1'); // holds a share lock until this transaction ends
        return splitDefaultPartition(conn);
      });
      expect(during).toBe('busy');
      expect(await count(conn, `SELECT count(*) AS n FROM usage_events WHERE dedupe_key = 't:9'`)).toBe(1);
      const months = await count(conn, `SELECT count(DISTINCT date_trunc('month', occurred_at, 'UTC')) AS n FROM usage_events_default`);
      expect(await splitDefaultPartition(conn)).toBe(months);
      expect(await count(conn, 'SELECT count(*) AS n FROM usage_events_default')).toBe(0);
      expect(await count(conn, 'SELECT count(*) AS n FROM usage_events_2032_03')).toBe(1);
    } finally {
      await other.close();
    }
  });
});

/** A bare database handle that applies a migrations folder with the driver's own migrator (as db/migrate.ts). */
interface Bare {
  query: (t: string) => Promise<Record<string, unknown>[]>;
  migrate: (folder: string) => Promise<void>;
  close: () => Promise<void>;
}

function bareHandles(): { name: string; open: () => Promise<Bare>; dispose: () => Promise<void> }[] {
  const out: { name: string; open: () => Promise<Bare>; dispose: () => Promise<void> }[] = [
    {
      name: 'pglite',
      open: async () => {
        const pg = await PGlite.create();
        return {
          query: async (t) => (await pg.query<Record<string, unknown>>(t)).rows,
          migrate: (folder) => migratePglite(drizzlePglite(pg), { migrationsFolder: folder }),
          close: () => pg.close(),
        };
      },
      dispose: async () => {},
    },
  ];
  const admin = process.env.TEST_DATABASE_URL;
  if (admin) {
    const name = `itemized_test_mig_${Date.now().toString(36)}`;
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const adminSql = () => postgres(admin, { max: 1, onnotice: () => {} });
    out.push({
      name: 'postgres',
      open: async () => {
        const a = adminSql();
        await a.unsafe(`CREATE DATABASE ${name}`);
        await a.end();
        const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
        return {
          query: async (t) => (await sql.unsafe(t)) as unknown as Record<string, unknown>[],
          migrate: (folder) => migratePostgres(drizzlePostgres(sql), { migrationsFolder: folder }),
          close: () => sql.end(),
        };
      },
      dispose: async () => {
        const a = adminSql();
        await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    });
  }
  return out;
}

describe('migration 0012 on a database that already holds events', () => {
  for (const h of bareHandles()) {
    test(`${h.name}: keeps every row, id and the identity sequence`, async () => {
      // Apply every migration before 0012 only (a copy of the folder with the journal cut), load rows, then migrate fully.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'itemized-mig-'));
      const db = await h.open();
      try {
        cpSync(migrationsFolder(), dir, { recursive: true });
        const journalPath = path.join(dir, 'meta/_journal.json');
        const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
        journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0012');
        writeFileSync(journalPath, JSON.stringify(journal));
        await db.migrate(dir);
        expect(await db.query('SELECT 1 FROM pg_partitioned_table')).toEqual([]);
        await db.query(
          `INSERT INTO usage_events (dedupe_key, occurred_at, vendor, source, list_cost_usd)
           SELECT 'k:' || g, '2025-11-20'::timestamptz + g * interval '1 day', 'openai', 'test', 0.0000000001 * g FROM generate_series(1, 90) g`,
        );
        const rowsSql = 'SELECT id::text AS id, dedupe_key AS k, list_cost_usd::text AS c FROM usage_events ORDER BY id';
        const before = await db.query(rowsSql);
        await db.migrate(migrationsFolder());
        expect(await db.query(rowsSql)).toEqual(before);
        expect(await db.query('SELECT 1 FROM usage_events_default')).toEqual([]);
        const names = (
          await db.query(`SELECT relname FROM pg_class WHERE relname LIKE 'usage_events_20%' AND relkind = 'r' ORDER BY 1`)
        ).map((r) => r.relname);
        expect(names).toEqual(['usage_events_2025_11', 'usage_events_2025_12', 'usage_events_2026_01', 'usage_events_2026_02']);
        const [{ id }] = await db.query(
          `INSERT INTO usage_events (dedupe_key, occurred_at, vendor, source) VALUES ('k:new', '2026-01-05', 'openai', 'test') RETURNING id::text AS id`,
        );
        expect(Number(id)).toBe(91);
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
        await h.dispose();
      }
    });
  }
});
