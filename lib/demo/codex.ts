/**
 * Codex CLI rollouts (codex/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl): session_meta {payload:{id,cwd}},
 * turn_context {payload:{model}} per turn, response items, and an event_msg token_count after every
 * model call with cumulative total_token_usage and per-call last_token_usage. Convention (real Codex,
 * which copies the Responses API usage): input_tokens INCLUDES cached_input_tokens, output_tokens
 * INCLUDES reasoning_output_tokens, total_tokens = input + output. Planted pitfall: a few token_count
 * events are written twice with an unchanged total (sum deltas of the totals, not last_token_usage).
 */
import { DEMO_PLAN } from './plan';
import { Rng } from './rng';
import { fitBeforeEnd, scheduleSessions } from './sessions';
import { iso, type Window } from './time';

type Json = Record<string, unknown>;

interface Usage {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

const PROMPTS = [
  'add retries to the webhook client',
  'why does the migration fail on CI?',
  'write tests for the invoice parser',
  'bump the SDK and fix types',
];
const COMMANDS = ['rg -n "TODO" src', 'npm test -- --run', 'git diff --stat', 'sed -n 1,80p src/client.ts', 'ls src'];

export interface CodexFile {
  path: string;
  content: string;
  /** Unique model calls (token_count events that change the total). */
  calls: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function rolloutPath(t0: number, id: string): string {
  const d = new Date(t0);
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  const ts = `${y}-${m}-${day}T${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`;
  return `codex/sessions/${y}/${m}/${day}/rollout-${ts}-${id}.jsonl`;
}

const cached128 = (n: number) => (n < 1024 ? 0 : Math.floor(n / 128) * 128);

function session(slotSeed: number, t0Raw: number, day: number, dev: (typeof DEMO_PLAN.developers)[number], w: Window): CodexFile {
  const cx = DEMO_PLAN.codex;
  const rng = Rng.fromInt(slotSeed);
  const repo = rng.pick(dev.repos);
  const cwd = `${dev.home}/code/${repo}`;
  const model = cx.models[rng.weighted(cx.models.map((m) => m.share))].modelRaw;
  const effort = rng.bool(0.7) ? 'medium' : 'high';
  const turns = rng.int(2, 8);
  const lines: { t: number; type: string; payload: Json }[] = [];
  let t = t0Raw;
  const push = (type: string, payload: Json) => lines.push({ t, type, payload });
  const total: Usage = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
  let ctx = 9000 + rng.int(0, 5000);
  let prevInput = 0;
  let calls = 0;
  const primaryUsed = rng.int(2, 60);
  const rateLimits = () => ({
    primary: { used_percent: Math.min(100, primaryUsed + calls), window_minutes: 300, resets_at: Math.floor(t / 1000) + 9000 },
    secondary: { used_percent: Math.min(100, 20 + Math.floor(day / 3)), window_minutes: 10_080, resets_at: Math.floor(t / 1000) + 300_000 },
  });

  // id and timestamp are filled in once the session's final start time is known (see below).
  push('session_meta', {
    id: '',
    timestamp: '',
    cwd,
    originator: 'codex_cli_rs',
    cli_version: `0.${44 + Math.floor(day / 15)}.0`,
    instructions: null,
    source: 'cli',
    model_provider: 'openai',
    git: { commit_hash: rng.hex(40), branch: 'main', repository_url: `git@github.com:acme/${repo}.git` },
  });
  for (let turn = 0; turn < turns; turn++) {
    push('turn_context', {
      cwd,
      approval_policy: 'on-request',
      sandbox_policy: { mode: 'workspace-write', network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: false },
      model,
      effort,
      summary: 'auto',
    });
    const prompt = rng.pick(PROMPTS);
    push('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] });
    push('event_msg', { type: 'user_message', message: prompt, images: [] });
    const n = Math.min(15, 1 + Math.round(rng.lognormal(3, 0.7)));
    for (let j = 0; j < n; j++) {
      const final = j === n - 1;
      const input = ctx + rng.int(20, 400);
      const cachedIn = prevInput === 0 ? (rng.bool(0.5) ? cached128(9000) : 0) : rng.bool(0.92) ? cached128(prevInput) : 0;
      const reasoning = Math.round(rng.lognormal(effort === 'high' ? 900 : 420, 1));
      const visible = Math.max(1, Math.round(rng.lognormal(final ? 260 : 90, 0.8)));
      const last: Usage = {
        input_tokens: input,
        cached_input_tokens: Math.min(cachedIn, input),
        output_tokens: visible + reasoning,
        reasoning_output_tokens: reasoning,
        total_tokens: input + visible + reasoning,
      };
      for (const k of Object.keys(total) as (keyof Usage)[]) total[k] += last[k];
      t += 1200 + (visible + reasoning) * rng.int(8, 20);
      const callId = `call_${rng.base62(24)}`;
      if (final)
        push('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done. Tests pass.' }] });
      else
        push('response_item', {
          type: 'function_call',
          name: 'shell',
          arguments: JSON.stringify({ command: ['bash', '-lc', rng.pick(COMMANDS)] }),
          call_id: callId,
        });
      calls++;
      const info = { total_token_usage: { ...total }, last_token_usage: last, model_context_window: 272_000 };
      push('event_msg', { type: 'token_count', info, rate_limits: rateLimits() });
      if (rng.bool(cx.repeatedTokenCountRate)) {
        t += rng.int(5, 200);
        push('event_msg', { type: 'token_count', info, rate_limits: rateLimits() });
      }
      if (final) push('event_msg', { type: 'agent_message', message: 'Done. Tests pass.' });
      else {
        t += rng.int(100, 8000);
        push('response_item', {
          type: 'function_call_output',
          call_id: callId,
          output: '{"output":"ok","metadata":{"exit_code":0,"duration_seconds":0.4}}',
        });
      }
      prevInput = input;
      ctx = input + visible + Math.round(rng.lognormal(700, 1));
      if (ctx > 200_000) ctx = 20_000; // auto-compaction
    }
    t += rng.int(30_000, 900_000);
  }
  const shift = fitBeforeEnd(
    lines.map((l) => l.t),
    w,
    rng,
  );
  const t0 = t0Raw - shift;
  // The session id is a time-ordered UUIDv7 of the start time; the file name repeats it.
  const id = rng.uuid7(t0);
  const content = lines
    .map((l) => {
      const payload = l.type === 'session_meta' ? { ...l.payload, id, timestamp: iso(t0) } : l.payload;
      return JSON.stringify({ timestamp: iso(l.t - shift), type: l.type, payload });
    })
    .join('\n');
  return { path: rolloutPath(t0, id), content: `${content}\n`, calls };
}

export function* codexFiles(seed: number, w: Window, scale: number): Generator<CodexFile> {
  const devs = DEMO_PLAN.developers.filter((d) => d.usesCodex);
  const count = Math.round(DEMO_PLAN.codex.sessions * scale);
  for (const s of scheduleSessions(seed, 'codex', w, count, devs)) yield session(s.seed, s.t0, s.day, s.dev, w);
}
