/**
 * One database client per process: postgres.js when DATABASE_URL is set, otherwise PGlite in
 * ITEMIZED_DATA_DIR (default .itemized/), guarded by a lock. Migrations run on open.
 * Besides the drizzle handle (db), a Connection offers raw SQL and COPY inside one transaction,
 * which the bulk loader needs and drizzle does not provide.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite, Transaction as PgliteTx } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { readEnv } from '../lib/env';
import { acquireDataDirLock } from './lock';
import { runMigrations } from './migrate';
import { failInterruptedRuns } from './queries/ingest';
import { ensureLivePartitions } from './queries/partitions';
import * as schema from './schema';
import { connectNoDelay } from './socket';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Driver = 'pglite' | 'postgres';

/** Raw access inside one transaction. Rows come back as plain objects. */
export interface RawTx {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY table (columns) FROM STDIN in CSV format, fed chunk by chunk. */
  copyCsv(table: string, columns: string[], chunks: AsyncIterable<string>): Promise<void>;
}

export interface Connection {
  db: Db;
  driver: Driver;
  /** Human-readable location (URL without password, or the data folder). */
  location: string;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T>;
  /** Runs fn while holding a cross-process lock (Postgres advisory lock; PGlite is single-owner already). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** PGlite only: how long to wait for another process to release the folder (ms). */
  lockWaitMs?: number;
  /** PGlite only: "memory://" for tests. */
  inMemory?: boolean;
  /** Postgres only: called with every statement sent (the plan test records what pages run, db/scale). */
  onQuery?: (text: string, params: unknown[]) => void;
}

/** PGlite loads a COPY blob wholly into memory, so the loader feeds it in chunks of this many bytes. */
const PGLITE_COPY_CHUNK_BYTES = 8 * 1024 * 1024;

export async function openConnection(opts: OpenOptions = {}): Promise<Connection> {
  const env = readEnv();
  const url = opts.databaseUrl ?? (opts.inMemory || opts.dataDir ? undefined : env.DATABASE_URL);
  const conn = url
    ? openPostgres(url, opts.onQuery)
    : await openPglite(opts.inMemory ? null : (opts.dataDir ?? env.ITEMIZED_DATA_DIR), opts.lockWaitMs ?? 0);
  try {
    await runMigrations(conn);
    // Live months get their partition before their first event (partition DDL never runs inside an ingest).
    await ensureLivePartitions(conn);
    await failInterruptedRuns(conn);
  } catch (e) {
    await conn.close();
    throw e;
  }
  return conn;
}

function openPostgres(url: string, onQuery?: OpenOptions['onQuery']): Connection {
  const debug = onQuery ? (_c: number, text: string, params: unknown[]) => onQuery(text, params) : undefined;
  // jit off: our statements are short aggregations whose plan costs pass jit_above_cost on big tables; compiling them
  // took 0.1–1.3 s, far more than running them (EXPLAIN ANALYZE of the loader's rollup and of page queries).
  // socket: a documented option (README "Custom socket") its type declarations omit, hence the variable.
  const options = { max: 10, onnotice: () => {}, debug, connection: { jit: 'off' }, socket: connectNoDelay };
  const sql = postgres(url, options);
  const db = drizzlePostgres(sql, { schema }) as unknown as Db;
  const raw = (s: postgres.Sql | postgres.TransactionSql): RawTx => ({
    query: async <T>(text: string, params: unknown[] = []) =>
      (await s.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    copyCsv: async (table, columns, chunks) => {
      const writable = await s.unsafe(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`).writable();
      for await (const chunk of chunks) {
        if (!writable.write(chunk)) await new Promise<void>((r) => writable.once('drain', () => r()));
      }
      await new Promise<void>((resolve, reject) => {
        writable.once('error', reject);
        writable.end(() => resolve());
      });
    },
  });
  return {
    db,
    driver: 'postgres',
    location: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    query: raw(sql).query,
    transaction: (fn) => sql.begin((tx) => fn(raw(tx))) as Promise<never>,
    exclusive: async (fn) => {
      const reserved = await sql.reserve();
      try {
        await reserved`SELECT pg_advisory_lock(724118)`;
        return await fn();
      } finally {
        await reserved`SELECT pg_advisory_unlock(724118)`;
        reserved.release();
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string | null, lockWaitMs: number): Promise<Connection> {
  // Loaded only here: importing PGlite and its drizzle driver costs ~0.3 s, which a Postgres run need not pay.
  const [{ PGlite }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  let release: (() => Promise<void>) | null = null;
  let pg: PGlite;
  if (dir) {
    const abs = path.resolve(dir);
    mkdirSync(abs, { recursive: true });
    release = await acquireDataDirLock(abs, lockWaitMs);
    try {
      pg = await PGlite.create(path.join(abs, 'pgdata'));
    } catch (e) {
      await release();
      throw e;
    }
  } else {
    pg = await PGlite.create();
  }
  const db = drizzlePglite(pg, { schema }) as unknown as Db;
  const raw = (q: PGlite | PgliteTx): RawTx => ({
    query: async <T>(text: string, params: unknown[] = []) => (await q.query<T>(text, params)).rows,
    copyCsv: async (table, columns, chunks) => {
      let buf: string[] = [];
      let size = 0;
      const flush = async () => {
        if (size === 0) return;
        const blob = new Blob(buf);
        buf = [];
        size = 0;
        await q.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
      };
      for await (const chunk of chunks) {
        buf.push(chunk);
        size += chunk.length;
        if (size >= PGLITE_COPY_CHUNK_BYTES) await flush();
      }
      await flush();
    },
  });
  return {
    db,
    driver: 'pglite',
    location: dir ? path.resolve(dir) : 'memory://',
    query: raw(pg).query,
    transaction: (fn) => pg.transaction((tx) => fn(raw(tx))),
    exclusive: (fn) => fn(),
    close: async () => {
      await pg.close();
      if (release) await release();
    },
  };
}

const globalForDb = globalThis as unknown as { itemizedConnection?: Promise<Connection> };

/** The process-wide connection (the Next server and the CLI share this entry point). */
export function getConnection(): Promise<Connection> {
  if (!globalForDb.itemizedConnection) {
    globalForDb.itemizedConnection = openConnection().catch((e) => {
      globalForDb.itemizedConnection = undefined;
      throw e;
    });
  }
  return globalForDb.itemizedConnection;
}
