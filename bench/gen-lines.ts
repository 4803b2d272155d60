/**
 * Generates N per-request Itemized log lines (OpenAI Chat Completions bodies) and, for the psql
 * reference, the same rows as usage_events CSV. Deterministic: line i always has the same content.
 *
 * Cardinalities follow an organisation, not independent draws (docs/scale.md, "Data"): a task (trace of
 * 16 calls) is one user's; a user belongs to one team and works in one or, for 1 user in 3, two contexts
 * (project, workflow, API key); the task runs in one of them. Models vary per call (4). So a day holds at most
 * users x contexts x models (user, key, project, workflow, model) combinations, whatever the event volume.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

const MODELS = ['gpt-4.1-mini-2025-04-14', 'o4-mini-2025-04-16', 'gpt-5-mini-2025-08-07', 'gpt-4.1-nano-2025-04-14'];
const TEAMS = ['platform', 'support', 'growth', 'research', 'devtools'];
const WORKFLOWS = ['ticket-triage', 'proof-check', 'copy-review', 'incident-agent', 'summarize', 'data-extract'];
const BASE = Date.UTC(2026, 0, 1) / 1000;
const PROJECTS = 7;
const CALLS_PER_TRACE_LOG2 = 4; // traces of 16 calls

/** A 32-bit integer hash (murmur3's finaliser): deterministic, well spread, no state. */
function mix(x: number): number {
  let h = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface UserContext {
  project: string;
  workflow: string;
  apiKey: string;
}

/** User u's team and work contexts (one, or two for 1 user in 3), each with its own API key. */
export function userProfile(u: number): { user: string; team: string; contexts: UserContext[] } {
  const n = mix(u * 3 + 1) % 3 === 0 ? 2 : 1;
  const contexts = Array.from({ length: n }, (_, c) => ({
    project: `proj_${mix(u * 5 + c) % PROJECTS}`,
    workflow: WORKFLOWS[mix(u * 7 + c + 11) % WORKFLOWS.length],
    apiKey: `key_${u}_${c}`,
  }));
  return { user: `user_${u}`, team: TEAMS[mix(u) % TEAMS.length], contexts };
}

async function write(ws: WriteStream, s: string) {
  if (!ws.write(s)) await new Promise<void>((r) => ws.once('drain', () => r()));
}

export interface GenOptions {
  /** Days the n lines are spread over, from 2026-01-01 (default 60). */
  days?: number;
  /** Distinct users (default 97). */
  users?: number;
}

/** The dimensions of line i of n (what the rollups group by); `created` in Unix seconds. */
export function lineDims(i: number, n: number, opts: GenOptions = {}) {
  const created = BASE + Math.floor((i * 86400 * (opts.days ?? 60)) / n);
  // The task's owner and context: every call of a trace has the same user, team, project, workflow and key.
  const trace = i >> CALLS_PER_TRACE_LOG2;
  const profile = userProfile(mix(trace) % (opts.users ?? 97));
  const context = profile.contexts[mix(trace ^ 0x5bd1e995) % profile.contexts.length];
  return { created, model: MODELS[i % MODELS.length], trace, user: profile.user, team: profile.team, ...context };
}

/** Line i of n: the JSONL log line, and the same row as usage_events CSV (EVENT_COLUMNS order). */
export function logLine(i: number, n: number, opts: GenOptions = {}): { json: string; csv: string } {
  const { created, model, trace, user, team, project, workflow, apiKey } = lineDims(i, n, opts);
  const prompt = 200 + ((i * 7919) % 5000);
  const cached = (i % 3) * 64;
  const completion = 20 + ((i * 104729) % 2000);
  const reasoning = model.startsWith('gpt-4.1') ? 0 : Math.floor(completion * 0.6);
  const ts = new Date(created * 1000).toISOString();
  const line = `${JSON.stringify({
    timestamp: ts,
    request_id: `req_${i}`,
    metadata: {
      team,
      workflow,
      project,
      user,
      environment: 'production',
      trace_id: `trace_${trace}`,
      api_key: apiKey,
    },
    outcome: i % 5 === 0 ? undefined : { success: i % 4 !== 0, score: null, source: 'eval' },
    latency_ms: 300 + (i % 4000),
    response: {
      id: `chatcmpl-${i}`,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: prompt,
        completion_tokens: completion,
        total_tokens: prompt + completion,
        prompt_tokens_details: { cached_tokens: cached },
        completion_tokens_details: { reasoning_tokens: reasoning },
      },
    },
  })}\n`;
  const normModel = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  const success = i % 5 === 0 ? '' : i % 4 !== 0 ? 't' : 'f';
  const csvLine = `response_log:req_${i},${ts},0,1,openai,${normModel},${model},openai,${prompt},${cached},,${completion},${reasoning},,,,0.0001,catalog,2,req_${i},${project},${apiKey},${user},${team},${workflow},production,trace_${trace},,${success},,${success ? 'eval' : ''},${300 + (i % 4000)},0,response_log,1,f\n`;
  return { json: line, csv: csvLine };
}

export async function generateLines(n: number, jsonlPath: string, csvPath?: string, opts: GenOptions = {}): Promise<number> {
  const jl = createWriteStream(jsonlPath);
  const csv = csvPath ? createWriteStream(csvPath) : null;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const l = logLine(i, n, opts);
    bytes += l.json.length;
    await write(jl, l.json);
    if (csv) await write(csv, l.csv);
  }
  await Promise.all([new Promise<void>((r) => jl.end(() => r())), csv ? new Promise<void>((r) => csv.end(() => r())) : null]);
  return bytes;
}
