/** The embedded-database lock: a second opener is refused with the owner's name; a dead owner's lock is recovered. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openConnection } from './client';
import { DatabaseLockedError } from './lock';

const work = mkdtempSync(path.join(tmpdir(), 'itemized-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('a second opener of the same folder is refused, naming the owner', async () => {
  const dir = path.join(work, 'a');
  const first = await openConnection({ dataDir: dir });
  try {
    const err = await openConnection({ dataDir: dir }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseLockedError);
    expect(err.message).toContain(`process ${process.pid}`);
    expect(err.message).toContain(dir);
  } finally {
    await first.close();
  }
  // Released on close: the folder opens again and keeps its data.
  const again = await openConnection({ dataDir: dir });
  await again.close();
});

test('a lock left by a dead process is recovered', async () => {
  const dir = path.join(work, 'b');
  mkdirSync(path.join(dir, 'db.lock'), { recursive: true });
  // PID 2^22+1 is above Linux's default pid_max, so no such process exists.
  writeFileSync(
    path.join(dir, 'owner.json'),
    JSON.stringify({ pid: 4194305, host: hostname(), command: 'killed', startedAt: new Date().toISOString() }),
  );
  const conn = await openConnection({ dataDir: dir });
  const rows = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM usage_events');
  expect(rows[0].n).toBe(0);
  await conn.close();
});
