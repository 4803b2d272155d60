/**
 * Exactly one process may own an embedded (PGlite) data folder: PGlite itself has no guard, and two
 * openers silently lose writes. The lock is a directory created atomically (proper-lockfile) and kept
 * fresh; owner.json beside it names the owner so that a second opener can say who holds it.
 * A lock whose owner process is gone (same host) or whose heartbeat stopped is recovered.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
}

export class DatabaseLockedError extends Error {
  readonly code = 'database_locked';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by ${
        owner ? `process ${owner.pid} (${owner.command}, started ${owner.startedAt} on ${owner.host})` : 'another process'
      }. Only one process may open it: stop that process, upload through its Imports page, or set DATABASE_URL to use a Postgres server.`,
    );
  }
}

function ownerFile(dir: string) {
  return path.join(dir, 'owner.json');
}
function lockPath(dir: string) {
  return path.join(dir, 'db.lock');
}

export function readOwner(dir: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(ownerFile(dir), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function ownerIsDead(owner: LockOwner | null): boolean {
  if (!owner || owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes the lock or throws DatabaseLockedError; waits up to waitMs for a live owner to let go. */
export async function acquireDataDirLock(dir: string, waitMs = 0): Promise<() => Promise<void>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const release = await lockfile.lock(dir, {
        lockfilePath: lockPath(dir),
        stale: 15_000,
        update: 5_000,
        realpath: false,
        onCompromised: (err) => {
          // Another process took our lock: continuing could lose writes, so stop hard.
          console.error(`itemized: lost the lock on ${dir}: ${err.message}`);
          process.exit(75);
        },
      });
      const owner: LockOwner = {
        pid: process.pid,
        host: hostname(),
        command: process.argv.slice(1).join(' ').slice(0, 200),
        startedAt: new Date().toISOString(),
      };
      writeFileSync(ownerFile(dir), JSON.stringify(owner));
      return async () => {
        rmSync(ownerFile(dir), { force: true });
        await release();
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      const owner = readOwner(dir);
      if (ownerIsDead(owner) && existsSync(lockPath(dir))) {
        rmSync(lockPath(dir), { recursive: true, force: true });
        continue;
      }
      if (Date.now() >= deadline) throw new DatabaseLockedError(dir, owner);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
