/**
 * The embedded-database lock: a second opener is refused with the owner's name, in the same process or in another;
 * a dead owner's lock is recovered, whether it is written by hand or left by a process killed with SIGKILL.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openConnection } from './client';
import { DatabaseLockedError, readOwner } from './lock';

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

/** A child process (node + tsx) that opens the folder, says "ready" and holds it until killed. */
function holdInChild(dir: string) {
  const client = path.join(import.meta.dirname, 'client.ts');
  const code = `const { openConnection } = await import(process.argv[1]);
    await openConnection({ dataDir: process.argv[2] });
    process.stdout.write('ready\\n');
    setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, client, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: undefined },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}) before it was ready: ${stderr}`)));
  });
  return { child, ready, exited };
}

test('another process holding the folder refuses this one, naming its pid; once it is killed, the lock is recovered', async () => {
  const dir = path.join(work, 'c');
  const { child, ready, exited } = holdInChild(dir);
  try {
    await ready;
    expect(readOwner(dir)?.pid).toBe(child.pid);
    const err = await openConnection({ dataDir: dir }).catch((e) => e);
    expect(err).toBeInstanceOf(DatabaseLockedError);
    expect(err.message).toContain(`process ${child.pid}`);
    expect(err.message).toContain(dir);
  } finally {
    // SIGKILL: no chance to release, so the lock directory and owner.json stay behind (as after a crash).
    child.kill('SIGKILL');
    await exited;
  }
  expect(readOwner(dir)?.pid).toBe(child.pid);
  const conn = await openConnection({ dataDir: dir });
  try {
    expect(readOwner(dir)?.pid).toBe(process.pid);
    const rows = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM usage_events');
    expect(rows[0].n).toBe(0);
  } finally {
    await conn.close();
  }
});
