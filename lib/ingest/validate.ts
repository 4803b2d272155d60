/** Cross-field invariants every usage event must meet (FORMATS.md section 0). */
import type { UsageEvent } from './types';

const INT32_MAX = 2_147_483_647;
/** At most 10 integer digits, as numeric(20,10) allows. */
const MONEY_RANGE = /^-?\d{1,10}(\.\d+)?$/;

export interface FieldProblem {
  field: string;
  message: string;
}

const TOKEN_FIELDS = [
  ['inputTokens', 'input_tokens'],
  ['cachedInputTokens', 'cached_input_tokens'],
  ['cacheWriteTokens', 'cache_write_tokens'],
  ['outputTokens', 'output_tokens'],
  ['reasoningTokens', 'reasoning_tokens'],
] as const;

/** Every event passes through here: no allocation beyond the result unless there is a problem to report. */
export function checkEvent(e: UsageEvent): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const [f, column] of TOKEN_FIELDS) {
    const v = e[f];
    if (v !== null && (!Number.isSafeInteger(v) || v < 0))
      out.push({ field: column, message: `expected a non-negative whole number, got ${v}` });
  }
  if (Number.isNaN(e.occurredAt.getTime())) out.push({ field: 'occurred_at', message: 'invalid timestamp' });
  if (e.reasoningTokens !== null && e.outputTokens !== null && e.reasoningTokens > e.outputTokens)
    out.push({ field: 'reasoning_tokens', message: `reasoning tokens (${e.reasoningTokens}) exceed output tokens (${e.outputTokens})` });
  const cache = (e.cachedInputTokens ?? 0) + (e.cacheWriteTokens ?? 0);
  if (e.inputTokens !== null && cache > e.inputTokens)
    out.push({
      field: e.cachedInputTokens ? 'cached_input_tokens' : 'cache_write_tokens',
      message: `cached (${e.cachedInputTokens ?? 0}) plus cache-write (${e.cacheWriteTokens ?? 0}) tokens exceed input tokens (${e.inputTokens})`,
    });
  if (e.requestCount !== null && (!Number.isSafeInteger(e.requestCount) || e.requestCount < 0))
    out.push({ field: 'request_count', message: `expected a non-negative whole number, got ${e.requestCount}` });
  if (!e.vendor) out.push({ field: 'vendor', message: 'missing vendor' });
  // Column limits: integer columns are 32-bit; money is numeric(20,10) (under 10 billion USD).
  tooLarge(out, 'period_seconds', e.periodSeconds);
  tooLarge(out, 'request_count', e.requestCount);
  tooLarge(out, 'latency_ms', e.latencyMs);
  tooLarge(out, 'tool_calls', e.toolCalls);
  outOfRange(out, 'billed_cost_usd', e.billedCostUsd);
  outOfRange(out, 'reported_cost_usd', e.reportedCostUsd);
  return out;
}

function tooLarge(out: FieldProblem[], field: string, v: number | null): void {
  if (v !== null && v > INT32_MAX) out.push({ field, message: `value ${v} is larger than the supported maximum ${INT32_MAX}` });
}

function outOfRange(out: FieldProblem[], field: string, v: string | null): void {
  if (v !== null && !MONEY_RANGE.test(v))
    out.push({ field, message: `amount ${v} is outside the supported range (|amount| < 10,000,000,000 USD)` });
}
