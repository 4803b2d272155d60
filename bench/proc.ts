/**
 * Child-process helpers for benchmarks: wall time, peak resident memory (VmHWM, Linux) and CPU seconds of
 * the child and, given a database name, of the Postgres backends serving it. CPU seconds do not depend on
 * what else the machine runs; wall time does (record the load average beside it).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';

export interface Measured {
  code: number | null;
  seconds: number;
  peakRssMb: number;
  /** user + system CPU seconds of the child process. */
  cpuSeconds: number;
  /** user + system CPU seconds of the database's backends (0 without a database). */
  dbCpuSeconds: number;
  stdout: string;
  stderr: string;
}

function vmHwmKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** utime + stime of a process in seconds (clock ticks of 1/100 s), or -1 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return -1;
  }
}

export function measure(
  cmd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  db?: { adminUrl: string; name: string },
): Promise<Measured> {
  const admin = db ? postgres(db.adminUrl, { max: 1, onnotice: () => {} }) : null;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env: { ...process.env, ...env } });
    let peak = 0;
    let cpu = 0;
    const backends = new Map<number, number>(); // pid -> last CPU seconds seen
    // 50 ms: a backend's last reading is at most that old when it exits (the CLI closes it at the end).
    const poll = setInterval(async () => {
      peak = Math.max(peak, vmHwmKb(child.pid!));
      cpu = Math.max(cpu, cpuSeconds(child.pid!));
      if (!admin || !db) return;
      const rows = await admin`SELECT pid FROM pg_stat_activity WHERE datname = ${db.name}`.catch(() => []);
      for (const r of rows) backends.set(r.pid, Math.max(backends.get(r.pid) ?? 0, cpuSeconds(r.pid)));
    }, 50);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', async (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await admin?.end();
      const dbCpuSeconds = [...backends.values()].reduce((a, b) => a + b, 0);
      resolve({ code, seconds, peakRssMb: peak / 1024, cpuSeconds: cpu, dbCpuSeconds, stdout, stderr });
    });
  });
}
