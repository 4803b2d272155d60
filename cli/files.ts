/**
 * Expands CLI paths: files as given, folders recursively and sorted. Inside folders, hidden entries,
 * node_modules and files that are never data (docs, configs, images) are skipped; a file named
 * explicitly is always tried, so content detection still decides.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const NOT_DATA = /\.(md|markdown|txt|ya?ml|toml|ini|png|jpe?g|gif|svg|pdf|html?|js|ts|py|sh)$/i;

export interface InputFile {
  path: string;
  bytes: number;
  mtime: Date;
}

export async function expandPaths(paths: string[]): Promise<{ files: InputFile[]; missing: string[] }> {
  const files: InputFile[] = [];
  const missing: string[] = [];
  async function walk(p: string): Promise<void> {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(p);
    } catch {
      missing.push(p);
      return;
    }
    if (s.isDirectory()) {
      const entries = (await readdir(p)).filter((n) => !n.startsWith('.') && n !== 'node_modules' && !NOT_DATA.test(n)).sort();
      for (const n of entries) await walk(path.join(p, n));
    } else if (s.isFile()) {
      files.push({ path: p, bytes: s.size, mtime: s.mtime });
    }
  }
  for (const p of paths) await walk(p);
  return { files, missing };
}
