/**
 * Loads a generated demo organisation into a test database the way `itemized demo` does: files written
 * to a temporary folder, ingested through the real pipeline, then its itemized.yaml imported.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runIngest } from '../cli/ingest';
import type { Connection } from '../db/client';
import { importConfigYaml } from '../db/queries/config';
import { DEMO_PLAN, generateDemo } from '../lib/demo/generate';

export interface LoadedDemo {
  /** The demo window: first and last UTC day, inclusive. */
  from: string;
  to: string;
}

export async function loadDemo(conn: Connection, o: { seed: number; scale: number; end: Date }): Promise<LoadedDemo> {
  const dir = mkdtempSync(path.join(tmpdir(), `itemized-demo-${o.seed}-`));
  try {
    for (const f of generateDemo({ seed: o.seed, end: o.end, scale: o.scale })) {
      const out = path.join(dir, f.path);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, f.content);
    }
    const inputs = ['billing', 'logs', 'claude-code', 'codex'].map((d) => path.join(dir, d));
    const { exitCode } = await runIngest(conn, inputs, { quiet: true, progressThresholdBytes: Number.POSITIVE_INFINITY });
    if (exitCode !== 0) throw new Error(`demo ingest failed with exit code ${exitCode}`);
    const imported = await importConfigYaml(conn.db, readFileSync(path.join(dir, 'itemized.yaml'), 'utf8'));
    if (!imported.ok) throw new Error(`demo itemized.yaml invalid: ${JSON.stringify(imported.errors)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(o.end.getTime() - DEMO_PLAN.windowDays * 86_400_000), to: day(o.end.getTime() - 86_400_000) };
}
