#!/usr/bin/env node
/**
 * Precompiles the CLI (cli/index.ts and what it imports from cli/, db/ and lib/) into dist/cli with esbuild, so that
 * `itemized` starts in ~0.3 s instead of ~0.8 s through tsx's loader (every command, the ingest benchmark included).
 * Packages stay external (loaded from node_modules as usual); each command's lazily imported modules become their
 * own chunks, so `ingest` does not evaluate the export or demo code.
 *
 * dist/cli/manifest.json records every source file the build read with its size and mtime: bin/itemized.mjs runs the
 * build only while all of them are unchanged and falls back to the sources through tsx otherwise, so an edited
 * checkout never runs stale code. Run by npm's `prepare` (npm ci / npm install) and by the ingest benchmark.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUILD_DIR = path.join(ROOT, 'dist', 'cli');

/**
 * Builds into a scratch folder, then moves its files in, manifest last: a CLI starting meanwhile runs the old build or
 * the sources. Chunk names carry a content hash, so a running CLI's lazily imported chunks stay in place; files of
 * earlier builds that this one does not use are pruned once an hour old. Two builds at once write the same files.
 */
export async function buildCli(outdir = CLI_BUILD_DIR) {
  const scratch = `${outdir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['cli/index.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    splitting: true,
    outdir: scratch,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const s = statSync(path.join(ROOT, file));
    inputs[file] = { size: s.size, mtimeMs: s.mtimeMs };
  }
  mkdirSync(outdir, { recursive: true });
  const files = readdirSync(scratch);
  for (const f of files) renameSync(path.join(scratch, f), path.join(outdir, f));
  writeFileSync(path.join(scratch, 'manifest.json'), JSON.stringify({ builtAt: new Date().toISOString(), inputs }));
  renameSync(path.join(scratch, 'manifest.json'), path.join(outdir, 'manifest.json'));
  rmSync(scratch, { recursive: true, force: true });
  const hourAgo = Date.now() - 3_600_000;
  for (const f of readdirSync(outdir))
    if (f !== 'manifest.json' && !files.includes(f) && statSync(path.join(outdir, f)).mtimeMs < hourAgo)
      rmSync(path.join(outdir, f), { force: true });
  return { outdir, inputs: Object.keys(inputs).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { outdir, inputs } = await buildCli(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`CLI built: ${path.relative(ROOT, outdir)} from ${inputs} source files in ${Math.round(performance.now() - started)} ms`);
}
