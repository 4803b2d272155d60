/**
 * Test databases: a fresh in-memory PGlite, and, when TEST_DATABASE_URL is set, a fresh database on
 * the real Postgres server created for the test file and dropped afterwards. Tests run the same
 * assertions on both (`describe.each(testDatabases())`).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { readEnv } from '../lib/env';
import { type Connection, openConnection } from './client';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Connection>;
  /** Drops what open() created. */
  dispose(): Promise<void>;
  /** The URL of the created Postgres database (postgres only), e.g. for child processes. */
  url?: string;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => openConnection({ inMemory: true }), dispose: async () => {} }];
  const admin = readEnv().TEST_DATABASE_URL;
  if (admin) list.push(postgresTestDatabase(admin));
  return list;
}

export function postgresTestDatabase(adminUrl: string): TestDatabase {
  const name = `itemized_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let created = false;
  const db: TestDatabase = {
    name: 'postgres',
    url: url.toString(),
    async open() {
      if (!created) {
        const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await sql.unsafe(`CREATE DATABASE ${name}`);
        await sql.end();
        created = true;
      }
      return openConnection({ databaseUrl: url.toString() });
    },
    async dispose() {
      if (!created) return;
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql.end();
    },
  };
  return db;
}
