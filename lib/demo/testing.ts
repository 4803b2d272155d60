/**
 * Test helpers: read the generated files back the way an independent consumer would (straight from
 * the JSON, following FORMATS.md's conventions), without reusing the generator's internals.
 */
import { createHash } from 'node:crypto';
import { type DemoFile, generateDemo } from './generate';

// biome-ignore lint/suspicious/noExplicitAny: test helpers walk arbitrary vendor JSON.
export type Any = any;

export const END = new Date('2026-10-01T00:00:00Z');
export const START = new Date(END.getTime() - 90 * 86_400_000);

const memo = new Map<string, DemoFile[]>();

/** All files of one demo, generated once per (seed, scale) per test file. */
export function demoFiles(seed: number, scale: number, end = END): DemoFile[] {
  const key = `${seed}/${scale}/${end.toISOString()}`;
  const cached = memo.get(key);
  if (cached) return cached;
  const files = [...generateDemo({ seed, end, scale })];
  memo.set(key, files);
  return files;
}

export function sha256(files: Iterable<DemoFile>): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.path).update('\0').update(f.content).update('\0');
  return h.digest('hex');
}

export function jsonl(content: string): Any[] {
  return content
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
}

/** Concatenated pretty-printed JSON documents (API pages). */
export function jsonDocs(content: string): Any[] {
  return content
    .split(/\n(?=\{)/)
    .filter((d) => d.trim())
    .map((d) => JSON.parse(d));
}

export function logLines(files: DemoFile[]): Any[] {
  return files.filter((f) => f.path.startsWith('logs/')).flatMap((f) => jsonl(f.content));
}

/** Hidden reasoning as the body states it; null when it does not say. */
export function reasoningOf(body: Any): number | null {
  const u = body.usage;
  if (body.object === 'response') return u.output_tokens_details?.reasoning_tokens ?? null;
  if (body.type === 'message') return u.output_tokens_details?.thinking_tokens ?? null;
  return u.completion_tokens_details?.reasoning_tokens ?? null;
}

export interface Normalised {
  input: number;
  cached: number;
  cacheWrite: number;
  output: number;
  reasoning: number | null;
}

/** A body's usage in our convention (input includes cache; output includes reasoning). */
export function normalise(body: Any): Normalised {
  const u = body.usage;
  const reasoning = reasoningOf(body);
  if (body.type === 'message') {
    return {
      input: u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens,
      cached: u.cache_read_input_tokens,
      cacheWrite: u.cache_creation_input_tokens,
      output: u.output_tokens,
      reasoning,
    };
  }
  if (body.object === 'response') {
    return { input: u.input_tokens, cached: u.input_tokens_details.cached_tokens, cacheWrite: 0, output: u.output_tokens, reasoning };
  }
  // Chat Completions: some OpenAI-compatible vendors leave reasoning out of completion_tokens; total_tokens tells.
  const excluded =
    u.prompt_tokens + u.completion_tokens !== u.total_tokens && u.prompt_tokens + u.completion_tokens + (reasoning ?? 0) === u.total_tokens;
  return {
    input: u.prompt_tokens,
    cached: u.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWrite: 0,
    output: u.completion_tokens + (excluded ? (reasoning ?? 0) : 0),
    reasoning,
  };
}

/** Success rate in each reasoning quartile (rows sorted by reasoning, split into 4 equal parts). */
export function quartileRates(rows: { r: number; success: boolean }[]): number[] {
  const xs = [...rows].sort((a, b) => a.r - b.r);
  const n = xs.length;
  return [0, 1, 2, 3].map((q) => {
    const part = xs.slice(Math.floor((q * n) / 4), Math.floor(((q + 1) * n) / 4));
    return part.filter((x) => x.success).length / part.length;
  });
}

export function quantile(sorted: number[], p: number): number {
  return sorted[Math.floor(p * (sorted.length - 1))];
}
