/**
 * `itemized config import FILE` and `itemized config export [--out FILE]`: the dependency map as
 * itemized.yaml. Import validates the whole file first and changes nothing when any line is wrong;
 * otherwise it replaces the map (workflows, subscriptions, budgets) in one transaction.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Connection } from '../db/client';
import { getConfig, importConfigYaml } from '../db/queries/config';
import { exportConfigYaml, formatConfigError } from '../lib/config/yaml';

type Write = (s: string) => void;
const stdout: Write = (s) => process.stdout.write(s);
const stderr: Write = (s) => process.stderr.write(s);

/** Returns the exit code: 0 imported, 1 invalid (every error printed as file:line: path: message). */
export async function runConfigImport(conn: Connection, file: string, out: Write = stdout, err: Write = stderr): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    err(`${file}: ${(e as Error).message}\n`);
    return 1;
  }
  const r = await importConfigYaml(conn.db, text);
  if (!r.ok) {
    for (const e of r.errors) err(`${formatConfigError(file, e)}\n`);
    err(`${file}: ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}; nothing imported\n`);
    return 1;
  }
  const c = r.config;
  out(
    `${file}: imported ${c.workflows.length} workflows, ${c.subscriptions.length} subscriptions, ${c.budgets.length} budgets (replacing the previous map)\n`,
  );
  return 0;
}

/** Writes the canonical itemized.yaml to `outFile`, or to stdout. */
export async function runConfigExport(conn: Connection, outFile?: string, out: Write = stdout): Promise<void> {
  const text = exportConfigYaml(await getConfig(conn.db));
  if (outFile) writeFileSync(outFile, text);
  else out(text);
}
