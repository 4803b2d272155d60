/**
 * Langfuse `usageDetails` and scores (FORMATS.md 5), mapped to our conventions.
 *
 * usageDetails keys are free-form; whether a value is a separate bucket or a subset is decided PER KEY NAME:
 * - Disjoint buckets (Langfuse's own style, priced key by key; `total` = their sum):
 *   input side: `input`, every `input_*` key (input_cache_read, input_cached_tokens, input_cache_creation[_5m|_1h],
 *   input_audio, ...), and Anthropic's `cache_read_input_tokens` / `cache_creation_input_tokens`;
 *   output side: `output` and every `output_*` key (output_reasoning, output_reasoning_tokens, output_audio, ...).
 *   input = the sum of the input-side buckets, output = the sum of the output-side buckets.
 *   A cache-write split (`*_5m`/`*_1h`) is counted only when the aggregate key is absent (never twice).
 * - Subsets (OpenAI style, dotted: `prompt_details.*`, `completion_details.*`, `prompt_tokens_details.*`,
 *   `completion_tokens_details.*`, `input_details.*`, `output_details.*`): already inside input/output, never added.
 * - OpenAI totals `prompt_tokens` / `completion_tokens` (older SDKs) count as input/output only when neither
 *   `input`/`input_*` nor `output`/`output_*` keys are present on that side.
 * - `total` is only checked (tagged `usageTotalMismatch` when it disagrees with input + output); unknown keys are
 *   kept in tags and not counted.
 * cached = input_cache_read | input_cached_tokens | cache_read_input_tokens (disjoint), else a subset key
 * prompt_details.cache_read | prompt_details.cached_tokens | prompt_tokens_details.cached_tokens.
 * cacheWrite = input_cache_creation | cache_creation_input_tokens (else their 5m+1h split).
 * reasoning = output_reasoning | output_reasoning_tokens (disjoint), else completion_details.reasoning |
 * completion_details.reasoning_tokens | completion_tokens_details.reasoning_tokens (subset); null when none is given.
 */
import Decimal from 'decimal.js';
import { type IssueSink, type Obj, str, sumKnown, tokens } from './fields';

export interface LangfuseTokens {
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  /** True when any token key was read. */
  any: boolean;
  tags: Record<string, unknown>;
}

const SUBSET_PREFIXES = [
  'prompt_details.',
  'completion_details.',
  'prompt_tokens_details.',
  'completion_tokens_details.',
  'input_details.',
  'output_details.',
];
const CACHE_READ_DISJOINT = ['input_cache_read', 'input_cached_tokens', 'cache_read_input_tokens'];
const CACHE_READ_SUBSET = ['prompt_details.cache_read', 'prompt_details.cached_tokens', 'prompt_tokens_details.cached_tokens'];
const CACHE_WRITE_AGGREGATES = ['input_cache_creation', 'cache_creation_input_tokens'];
const REASONING_DISJOINT = ['output_reasoning', 'output_reasoning_tokens'];
const REASONING_SUBSET = [
  'completion_details.reasoning',
  'completion_details.reasoning_tokens',
  'completion_tokens_details.reasoning_tokens',
];

type Side = 'input' | 'output' | 'subset' | 'total' | 'openai_input' | 'openai_output' | 'unknown';

function sideOf(key: string): Side {
  if (SUBSET_PREFIXES.some((p) => key.startsWith(p))) return 'subset';
  if (key === 'total') return 'total';
  if (key === 'input' || key.startsWith('input_') || key === 'cache_read_input_tokens' || key.startsWith('cache_creation_input_tokens'))
    return 'input';
  if (key === 'output' || key.startsWith('output_')) return 'output';
  if (key === 'prompt_tokens') return 'openai_input';
  if (key === 'completion_tokens') return 'openai_output';
  return 'unknown';
}

/** The 5m/1h split of an aggregate cache-write key: `input_cache_creation_5m`, `cache_creation_input_tokens_1h`, ... */
function splitOf(key: string): string | null {
  for (const agg of CACHE_WRITE_AGGREGATES) if (key.startsWith(`${agg}_`)) return agg;
  return null;
}

/** `field` names the object in issues (a key is appended), or names each key itself. */
export function mapUsageDetails(details: Obj, field: string | ((key: string) => string), sink: IssueSink): LangfuseTokens {
  const fieldOf = typeof field === 'string' ? (k: string) => `${field}.${k}` : field;
  const vals = new Map<string, number>();
  const unknown: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(details)) {
    const n = tokens(raw, fieldOf(k), sink);
    if (n === null) continue;
    if (sideOf(k) === 'unknown') unknown[k] = n;
    vals.set(k, n);
  }
  const get = (k: string) => vals.get(k) ?? null;
  const first = (keys: string[]) => {
    for (const k of keys) if (vals.has(k)) return vals.get(k)!;
    return null;
  };
  let input: number | null = null;
  let output: number | null = null;
  let hasInputBuckets = false;
  let hasOutputBuckets = false;
  const splitWrites = new Map<string, number>();
  for (const [k, n] of vals) {
    const side = sideOf(k);
    const agg = splitOf(k);
    if (agg) {
      splitWrites.set(agg, (splitWrites.get(agg) ?? 0) + n);
      if (vals.has(agg)) continue; // the aggregate already counts it
    }
    if (side === 'input') {
      input = (input ?? 0) + n;
      hasInputBuckets = true;
    } else if (side === 'output') {
      output = (output ?? 0) + n;
      hasOutputBuckets = true;
    }
  }
  if (!hasInputBuckets && vals.has('prompt_tokens')) input = get('prompt_tokens');
  if (!hasOutputBuckets && vals.has('completion_tokens')) output = get('completion_tokens');

  const cached = sumKnown(...CACHE_READ_DISJOINT.map(get)) ?? first(CACHE_READ_SUBSET);
  let cacheWrite: number | null = null;
  for (const agg of CACHE_WRITE_AGGREGATES) {
    const w = get(agg) ?? splitWrites.get(agg) ?? null;
    if (w !== null) cacheWrite = (cacheWrite ?? 0) + w;
  }
  const reasoning = sumKnown(...REASONING_DISJOINT.map(get)) ?? first(REASONING_SUBSET);

  const tags: Record<string, unknown> = {};
  if (Object.keys(unknown).length) tags.otherUsage = unknown;
  const total = get('total');
  if (total !== null && (input !== null || output !== null) && total !== (input ?? 0) + (output ?? 0)) tags.usageTotalMismatch = total;
  return {
    inputTokens: input,
    cachedInputTokens: cached,
    cacheWriteTokens: cacheWrite,
    outputTokens: output,
    reasoningTokens: reasoning,
    any: vals.size > 0,
    tags,
  };
}

/** Names of scores that measure whether the task went right (higher is better); toxicity/hallucination are not. */
export const OUTCOME_NAME = /(correct|accura|pass|success|resolved|solved|task[_ -]?complet)/i;

export interface Outcome {
  success: boolean;
  score: string;
  outcomeSource: string;
}

export interface ScoreTag {
  name: string | null;
  value: unknown;
  dataType: string | null;
  source: string | null;
  observationId: string | null;
  stringValue?: string;
}

export function scoreTag(s: Obj): ScoreTag {
  const t: ScoreTag = {
    name: str(s.name),
    value: s.value ?? null,
    dataType: str(s.dataType),
    source: str(s.source),
    observationId: str(s.observationId),
  };
  const sv = str(s.stringValue);
  if (sv !== null) t.stringValue = sv;
  return t;
}

/**
 * The outcome of one observation from the scores attached to it or to its trace. Rule: among NUMERIC scores in
 * 0..1 and BOOLEAN scores whose name matches OUTCOME_NAME (correctness, accuracy, pass, success, ...), take the
 * observation's own score before the trace's, then the latest by timestamp; score = value, success = value >= 0.5.
 * Other scores (toxicity, hallucination, categorical, text) never become the outcome; all are kept in tags.
 */
export function outcomeOf(scores: Obj[], observationId: string): Outcome | null {
  let best: { s: Obj; own: boolean; ts: string; value: Decimal } | null = null;
  for (const s of scores) {
    const name = str(s.name);
    const type = str(s.dataType)?.toUpperCase() ?? 'NUMERIC';
    if (!name || !OUTCOME_NAME.test(name) || (type !== 'NUMERIC' && type !== 'BOOLEAN')) continue;
    const raw = s.value;
    let value: Decimal;
    try {
      if (typeof raw === 'boolean') value = new Decimal(raw ? 1 : 0);
      else if (typeof raw === 'number' || (typeof raw === 'string' && raw.trim() !== '')) value = new Decimal(String(raw).trim());
      else continue;
    } catch {
      continue;
    }
    if (!value.isFinite() || value.lt(0) || value.gt(1)) continue;
    const own = str(s.observationId) === observationId;
    const ts = str(s.timestamp) ?? '';
    if (!best || (own && !best.own) || (own === best.own && ts > best.ts)) best = { s, own, ts, value };
  }
  if (!best) return null;
  return {
    success: best.value.gte(0.5),
    score: best.value.toFixed(),
    outcomeSource: `langfuse:${str(best.s.name)}`,
  };
}
