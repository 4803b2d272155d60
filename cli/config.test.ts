/** `itemized config import|export`: errors by line and nothing written on a bad file; export to a file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Connection, openConnection } from '../db/client';
import { getConfig } from '../db/queries/config';
import { dependencyYaml } from '../lib/demo/config-yaml';
import { runConfigExport, runConfigImport } from './config';

let conn: Connection;
let dir: string;
beforeAll(async () => {
  conn = await openConnection({ inMemory: true });
  dir = mkdtempSync(path.join(tmpdir(), 'itemized-config-'));
});
afterAll(async () => {
  await conn?.close();
  rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const o = { out: '', err: '' };
  const out = (s: string) => {
    o.out += s;
  };
  const err = (s: string) => {
    o.err += s;
  };
  return { o, out, err };
}

test('import of a bad file prints every error as file:line and imports nothing', async () => {
  const file = path.join(dir, 'bad.yaml');
  writeFileSync(
    file,
    'version: 1\nworkflows:\n  - name: a\n    team: t\n    criticality: high\n    match: { workflow: a }\nbudgets:\n  - team: t\n    amount_usd: ten\n',
  );
  const c = capture();
  expect(await runConfigImport(conn, file, c.out, c.err)).toBe(1);
  expect(c.o.err).toBe(
    `${file}:5: workflows[0].criticality: expected one of critical|important|optional\n` +
      `${file}:9: budgets[0].amount_usd: expected a non-negative amount in USD with at most 10 decimals, e.g. "200.00"\n` +
      `${file}: 2 errors; nothing imported\n`,
  );
  expect((await getConfig(conn.db)).workflows).toEqual([]);
  const missing = capture();
  expect(await runConfigImport(conn, path.join(dir, 'nope.yaml'), missing.out, missing.err)).toBe(1);
  expect(missing.o.err).toMatch(/nope\.yaml: ENOENT/);
});

test('import then export --out writes the canonical file; stdout export is the same text', async () => {
  const file = path.join(dir, 'itemized.yaml');
  writeFileSync(file, dependencyYaml());
  const c = capture();
  expect(await runConfigImport(conn, file, c.out, c.err)).toBe(0);
  expect(c.o.out).toBe(`${file}: imported 9 workflows, 2 subscriptions, 6 budgets (replacing the previous map)\n`);
  const out = path.join(dir, 'exported.yaml');
  await runConfigExport(conn, out);
  const printed = capture();
  await runConfigExport(conn, undefined, printed.out);
  expect(readFileSync(out, 'utf8')).toBe(printed.o.out);
  expect(printed.o.out).toContain('  - name: platform/incident-agent\n    team: platform\n    criticality: critical\n');
});
