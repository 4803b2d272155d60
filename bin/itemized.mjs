#!/usr/bin/env node
// Runs the CLI precompiled by scripts/build-cli.mjs (npm ci builds it) while it matches the sources, otherwise the
// TypeScript sources through tsx: the build only saves start-up time (~0.5 s a command), it never runs stale code.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBuild } from './fresh-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = process.env.ITEMIZED_CLI_FROM_SOURCE === '1' ? null : freshBuild(path.join(root, 'dist', 'cli'), root);
if (built) await import(pathToFileURL(built).href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/index.ts');
}
