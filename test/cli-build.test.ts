/**
 * The precompiled CLI (scripts/build-cli.mjs): bin/itemized.mjs runs it only while every source it was built from is
 * unchanged, and it finds its migrations from dist/cli whatever the working folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { freshBuild } from '../bin/fresh-build.mjs';
import { buildCli, CLI_BUILD_DIR } from '../scripts/build-cli.mjs';
import { ROOT } from './cli';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'itemized-cli-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('a build runs only while each source it read keeps its size and mtime', () => {
  const src = path.join(scratch, 'a.ts');
  writeFileSync(src, 'export const a = 1;\n');
  const build = path.join(scratch, 'build');
  expect(freshBuild(build, scratch)).toBeNull(); // no build at all
  const stamp = (mtimeMs: number, size = 20) => ({ inputs: { 'a.ts': { size, mtimeMs } } });
  const writeManifest = (m: unknown) => {
    mkdirSync(build, { recursive: true });
    writeFileSync(path.join(build, 'manifest.json'), JSON.stringify(m));
  };
  utimesSync(src, 1_700_000_000, 1_700_000_000);
  writeManifest(stamp(1_700_000_000_000));
  expect(freshBuild(build, scratch)).toBe(path.join(build, 'index.js'));
  utimesSync(src, 1_700_000_001, 1_700_000_001); // edited (touched) since the build
  expect(freshBuild(build, scratch)).toBeNull();
  writeManifest(stamp(1_700_000_001_000, 21)); // same mtime, other size
  expect(freshBuild(build, scratch)).toBeNull();
  writeManifest({ inputs: { ...stamp(1_700_000_001_000).inputs, 'gone.ts': { size: 1, mtimeMs: 1 } } });
  expect(freshBuild(build, scratch)).toBeNull(); // a source deleted since
  writeManifest({ inputs: {} });
  expect(freshBuild(build, scratch)).toBeNull();
  writeFileSync(path.join(build, 'manifest.json'), '{not json');
  expect(freshBuild(build, scratch)).toBeNull();
});

test("a rebuild keeps an earlier build's chunks a running CLI may still import, and prunes them once an hour old", async () => {
  const out = path.join(scratch, 'out');
  mkdirSync(out, { recursive: true });
  const recent = path.join(out, 'chunk-RECENT.js');
  const old = path.join(out, 'chunk-OLD.js');
  writeFileSync(recent, '');
  writeFileSync(old, '');
  const twoHoursAgo = (Date.now() - 7_200_000) / 1000;
  utimesSync(old, twoHoursAgo, twoHoursAgo);
  const built = await buildCli(out);
  expect(built.inputs).toBeGreaterThan(50);
  expect(existsSync(recent)).toBe(true);
  expect(existsSync(old)).toBe(false);
  expect(freshBuild(out, ROOT)).toBe(path.join(out, 'index.js'));
  expect(readdirSync(scratch).filter((f) => f.includes('.tmp-'))).toEqual([]); // the scratch folder is gone
});

test('the suite runs the current build, which migrates a new database from another working folder', () => {
  // test/global-setup.ts built it from the current sources.
  expect(freshBuild(CLI_BUILD_DIR, ROOT)).toBe(path.join(CLI_BUILD_DIR, 'index.js'));
  const r = spawnSync(process.execPath, [path.join(CLI_BUILD_DIR, 'index.js'), 'summary', '--json'], {
    cwd: scratch,
    env: { ...process.env, DATABASE_URL: undefined, ITEMIZED_DATA_DIR: path.join(scratch, 'data') },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout).totals.requests).toBe(0);
});
