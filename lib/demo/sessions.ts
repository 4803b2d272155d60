/** When the developers open coding-agent sessions (shared by the Claude Code and Codex generators). */
import type { DemoDeveloper } from './plan-types';
import { Rng } from './rng';
import { growth, isWeekend, OFFICE_HOURS, timeInDay, type Window } from './time';

export interface SessionSlot {
  dev: DemoDeveloper;
  day: number;
  /** Session start, ms since epoch. */
  t0: number;
  /** Seed of the session's own stream. */
  seed: number;
}

/** `count` sessions spread over working days (weekends ~12%), weighted by developer activity, in start order. */
export function scheduleSessions(seed: number, label: string, w: Window, count: number, devs: readonly DemoDeveloper[]): SessionSlot[] {
  const rng = Rng.stream(seed, label);
  const dayWeights = Array.from({ length: w.days }, (_, d) => growth(d) * (isWeekend(w, d) ? 0.12 : 1));
  const devWeights = devs.map((d) => d.activity);
  const out: SessionSlot[] = [];
  for (let i = 0; i < count; i++) {
    const dev = devs[rng.weighted(devWeights)];
    const day = rng.weighted(dayWeights);
    out.push({ dev, day, t0: timeInDay(rng, w, day, OFFICE_HOURS), seed: rng.seed() });
  }
  return out.sort((a, b) => a.t0 - b.t0);
}

/** Claude Code's project folder name: every character other than a letter or digit becomes "-". */
export function encodeCwd(cwd: string): string {
  return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

/** Shifts a session that would run past the window end back inside it. */
export function fitBeforeEnd(times: number[], w: Window, rng: Rng): number {
  const last = times.length ? Math.max(...times) : 0;
  return last >= w.end ? last - w.end + rng.int(60_000, 3_600_000) : 0;
}
