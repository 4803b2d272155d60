/** Expands CLI paths: files as given, folders recursively (hidden entries and node_modules skipped), sorted. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

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
      const entries = (await readdir(p)).filter((n) => !n.startsWith('.') && n !== 'node_modules').sort();
      for (const n of entries) await walk(path.join(p, n));
    } else if (s.isFile()) {
      files.push({ path: p, bytes: s.size, mtime: s.mtime });
    }
  }
  for (const p of paths) await walk(p);
  return { files, missing };
}
