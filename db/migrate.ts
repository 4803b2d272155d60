/** Applies the drizzle-kit migrations in db/migrations with each driver's own migrator. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Connection } from './client';

export function migrationsFolder(): string {
  const candidates = [path.join(process.cwd(), 'db', 'migrations')];
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // Beside this file (sources), or from the precompiled CLI in dist/cli (scripts/build-cli.mjs).
    candidates.unshift(path.join(here, 'migrations'), path.join(here, '..', '..', 'db', 'migrations'));
  } catch {
    // Bundled (Next server): import.meta.url is not a file URL; fall back to the working directory.
  }
  const found = candidates.find((c) => existsSync(path.join(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`Migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Serialised with an advisory lock on Postgres so that two processes starting together do not race. */
export async function runMigrations(conn: Connection): Promise<void> {
  const folder = migrationsFolder();
  if (conn.driver === 'pglite') {
    // Imported here so that a Postgres run does not load the PGlite driver.
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(conn.db as never, { migrationsFolder: folder });
    return;
  }
  await conn.exclusive(() => migratePostgres(conn.db as never, { migrationsFolder: folder }));
}
