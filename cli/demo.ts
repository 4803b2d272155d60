/**
 * `itemized demo`: writes the seeded demo organisation as real vendor files under the data folder,
 * loads them through the same ingest path users take, then (with --serve) builds and starts the
 * dashboard. The end day is remembered so that re-running the demo is a no-op, not a second copy.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openConnection } from '../db/client';
import { demoModeRefusal } from '../lib/auth/settings';
import { generateDemo } from '../lib/demo/generate';
import { readEnv } from '../lib/env';
import { runIngest } from './ingest';

interface DemoCliOptions {
  seed: number;
  end?: string;
  scale: number;
  serve?: boolean;
  port: number;
  host?: string;
}

export async function runDemo(o: DemoCliOptions): Promise<void> {
  // Checked before minutes of generating and loading: --serve is demo mode, which needs a loopback address.
  const refusal = o.serve ? demoModeRefusal(o.host ?? '127.0.0.1') : null;
  if (refusal) throw new Error(refusal);
  const dataDir = path.resolve(readEnv().ITEMIZED_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const marker = path.join(dataDir, 'demo.json');
  const remembered = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { end: string; seed: number; scale: number }) : null;
  const end =
    o.end ?? (remembered?.seed === o.seed && remembered?.scale === o.scale ? remembered.end : new Date().toISOString().slice(0, 10));
  const dir = path.join(dataDir, 'demo-files', `seed-${o.seed}-end-${end}-x${o.scale}`);
  const started = Date.now();
  let n = 0;
  if (!existsSync(path.join(dir, '.complete'))) {
    for (const f of generateDemo({ seed: o.seed, end: new Date(`${end}T00:00:00Z`), scale: o.scale })) {
      const out = path.join(dir, f.path);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, f.content);
      n++;
    }
    writeFileSync(path.join(dir, '.complete'), new Date().toISOString());
    process.stderr.write(`demo: wrote ${n} files to ${dir} in ${Date.now() - started} ms\n`);
  }
  writeFileSync(marker, JSON.stringify({ end, seed: o.seed, scale: o.scale }));

  const conn = await openConnection({ lockWaitMs: 120_000 });
  try {
    process.stderr.write(`demo: loading into ${conn.driver} (${conn.location})\n`);
    // itemized.yaml (the dependency map) sits beside the data folders; it is not an ingest input.
    const inputs = ['billing', 'logs', 'claude-code', 'codex'].map((d) => path.join(dir, d)).filter((d) => existsSync(d));
    const { results, exitCode } = await runIngest(conn, inputs, { progressThresholdBytes: 0, quiet: true });
    const inserted = results.reduce((a, r) => a + r.rowsInserted, 0);
    process.stderr.write(`demo: ${results.length} files, ${inserted} rows inserted (0 means it was already loaded)\n`);
    if (exitCode !== 0) throw new Error('some demo files failed to load (see above)');
  } finally {
    await conn.close();
  }
  if (o.serve) await serve(o.port, o.host, { auth: false });
}

/**
 * Builds when there is no build or the code changed since (BUILD_ID older than package.json or any
 * source folder), then runs `next start` in the foreground, started directly (not via npx) so
 * signals reach it. Binds to localhost unless told otherwise. auth: false (or ITEMIZED_AUTH=off) is
 * demo mode, refused on any non-loopback address; the server checks again when it starts.
 */
export async function serve(port: number, host = '127.0.0.1', o: { auth: boolean } = { auth: true }): Promise<void> {
  const demo = !o.auth || readEnv().ITEMIZED_AUTH === 'off';
  const refusal = demo ? demoModeRefusal(host) : null;
  if (refusal) throw new Error(refusal);
  const next = path.resolve('node_modules/.bin/next');
  if (needsBuild()) await run(next, ['build']);
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  process.stderr.write(
    demo
      ? `\nItemized is running at ${url} in demo mode: sign-in is off (Ctrl+C to stop)\n\n`
      : `\nItemized is running at ${url}  (Ctrl+C to stop). Sign in with a user from \`itemized users create\`.\n\n`,
  );
  await run(next, ['start', '-p', String(port), '-H', host], {
    ...process.env,
    ITEMIZED_HOST: host,
    ...(demo ? { ITEMIZED_AUTH: 'off' } : {}),
  });
}

function needsBuild(): boolean {
  const id = path.resolve('.next/BUILD_ID');
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  // A folder's newest modification time, or a single file's (package.json, proxy.ts, …).
  const newest = (dir: string): number => {
    if (!existsSync(dir)) return 0;
    let t = statSync(dir).mtimeMs;
    if (!statSync(dir).isDirectory()) return t;
    for (const e of readdirSync(dir, { withFileTypes: true }))
      t = Math.max(t, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs);
    return t;
  };
  return ['app', 'db', 'lib', 'package.json', 'proxy.ts', 'next.config.ts', 'instrumentation.ts'].some(
    (p) => newest(path.resolve(p)) > built,
  );
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      if (code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') resolve();
      else reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${code ?? signal}`));
    });
  });
}
