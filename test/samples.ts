/**
 * The real sample files in ../shared/samples that this project's sources read, with totals worked
 * out by hand from each file (see ../shared/samples/SOURCES.md and FORMATS.md for the conventions).
 * Read from ../shared, never copied into the repo.
 */
import path from 'node:path';

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../shared/samples');

export interface SampleExpectation {
  file: string;
  events: number;
  costLines: number;
  /** Source-level repeats skipped by the parser (Claude Code: one line per content block). */
  sourceDuplicates: number;
  requests: number;
  input: number;
  cached: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  billed: string | null;
  reported: string | null;
}

const e = (file: string, v: Partial<SampleExpectation>): SampleExpectation => ({
  file,
  events: 1,
  costLines: 0,
  sourceDuplicates: 0,
  requests: 1,
  input: 0,
  cached: 0,
  cacheWrite: 0,
  output: 0,
  reasoning: 0,
  billed: null,
  reported: null,
  ...v,
});

export const SAMPLE_EXPECTATIONS: SampleExpectation[] = [
  e('openai/chat-completion-usage-details.vercel-ai.json', { input: 16, output: 363 }),
  // DeepSeek counts reasoning inside completion_tokens (18 + 345 = 363 total).
  e('openai/openai-compatible-deepseek-reasoning.vercel-ai.json', { input: 18, output: 345, reasoning: 315 }),
  // xAI excludes reasoning from completion_tokens (12 + 2 + 320 = 334): output = 2 + 320; 1,641,500 ticks / 1e10 USD.
  e('openai/openai-compatible-xai-reasoning-excluded.vercel-ai.json', {
    input: 12,
    cached: 2,
    output: 322,
    reasoning: 320,
    billed: '0.00016415',
  }),
  e('openai/responses-api-reasoning.vercel-ai.json', { input: 865, output: 163, reasoning: 128 }),
  e('openai/usage-completions.openapi-example.json', { requests: 5, input: 1000, cached: 400, cacheWrite: 100, output: 500 }),
  e('openai/usage-completions-result-object.openapi-example.json', {
    requests: 5,
    input: 5000,
    cached: 1800,
    cacheWrite: 200,
    output: 1000,
  }),
  e('openai/costs.openapi-example.json', { events: 0, requests: 0, costLines: 1, billed: '0.06' }),
  e('openai/costs-result-object.openapi-example.json', { events: 0, requests: 0, costLines: 1, billed: '0.06' }),
  // Anthropic input excludes cache tokens; both caches are 0 here. Thinking 139 is inside output 1,699.
  e('anthropic/messages-thinking-usage.vercel-ai.json', { input: 51, output: 1699, reasoning: 139 }),
  e('anthropic/messages-cache-usage.vercel-ai.json', { input: 69, output: 33 }),
  // 3 distinct messages; msg_017zj75dq… is written twice. input = 3+141272 + 3+19830 + 3+2952+141272.
  e('claude-code/claude-code-log-sidechain_integrated.jsonl', {
    events: 3,
    requests: 3,
    sourceDuplicates: 1,
    input: 305335,
    cached: 141272,
    cacheWrite: 164054,
    output: 738,
  }),
  e('claude-code/ccusage-fixture-project-alpha.chat.jsonl', {
    events: 3,
    requests: 3,
    input: 745,
    cached: 70,
    cacheWrite: 75,
    output: 250,
    reported: '1.02',
  }),
  e('claude-code/ccusage-fixture-project-beta.chat.jsonl', {
    events: 2,
    requests: 2,
    input: 185,
    cached: 40,
    cacheWrite: 15,
    output: 60,
    reported: '0.07',
  }),
  // Cumulative totals 1,200 then 4,200: the second event is the delta (2,500 in, 300 out, 200 reasoning).
  e('claude-code/ccusage-fixture-codex-session-alpha.jsonl', {
    events: 2,
    requests: 2,
    input: 3500,
    cached: 750,
    output: 425,
    reasoning: 275,
  }),
  // LiteLLM: prompt/completion tokens as stored; spend is LiteLLM's own float, kept digit for digit as reported.
  e('litellm/spend_logs_payload.litellm-tests.json', { input: 10, output: 20, reported: '0.00022500000000000002' }),
  e('litellm/standard_logging_payload.litellm-tests.json', { input: 10, output: 20, reported: '0.00022500000000000002' }),
  // Langfuse exports (the otel-genai samples are Langfuse exports too); langgraph's output 99 = 35 + 64 reasoning.
  e('langfuse/claude-agent-2025-12-22.trace.json', { events: 4, requests: 4, input: 34, output: 232, reported: '0.003582' }),
  e('langfuse/langgraph-js-2025-10-30.trace.json', {
    events: 2,
    requests: 2,
    input: 321,
    output: 123,
    reasoning: 64,
    reported: '0.00032625',
  }),
  e('langfuse/openai-agents-2025-09-30.trace.json', { events: 2, requests: 2, input: 140, output: 44, reported: '0.000632' }),
  e('otel-genai/langfuse-export-with-otel-attrs.google-adk-2025-08-28.trace.json', {
    events: 2,
    requests: 2,
    input: 67,
    output: 9,
    reported: '0.0000103',
  }),
  e('otel-genai/langfuse-export-with-otel-attrs.microsoft-agent-2025-12-17.trace.json', {
    events: 2,
    requests: 2,
    input: 293,
    output: 106,
    reported: '0.00028525',
  }),
  e('otel-genai/langfuse-export-with-otel-attrs.pydantic-ai-with-gemini-2025-12-24.trace.json', {
    input: 40,
    output: 159,
    reported: '0.0004095',
  }),
  // OpenRouter spec examples: generation stats (native counts; total_cost billed) and one activity day (usage billed).
  e('openrouter/generation.openapi-example.json', { input: 10, cached: 3, output: 25, reasoning: 5, billed: '0.0015' }),
  e('openrouter/activity.openapi-example.json', { requests: 5, input: 50, output: 125, reasoning: 25, billed: '0.015' }),
  // FOCUS 1.0: 1,000 cost lines; BilledCost summed from the CSV text (11 decimals, kept exactly).
  e('focus/focus-1.0-sample-1000.finops.csv', { events: 0, requests: 0, costLines: 1000, billed: '20.52022672899' }),
];

export function samplePath(rel: string): string {
  return path.join(SAMPLES_DIR, rel);
}
