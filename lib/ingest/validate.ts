/** Cross-field invariants every usage event must meet (FORMATS.md section 0). */
import type { UsageEvent } from './types';

export interface FieldProblem {
  field: string;
  message: string;
}

export function checkEvent(e: UsageEvent): FieldProblem[] {
  const out: FieldProblem[] = [];
  const tokenFields = ['inputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'outputTokens', 'reasoningTokens'] as const;
  const columns: Record<(typeof tokenFields)[number], string> = {
    inputTokens: 'input_tokens',
    cachedInputTokens: 'cached_input_tokens',
    cacheWriteTokens: 'cache_write_tokens',
    outputTokens: 'output_tokens',
    reasoningTokens: 'reasoning_tokens',
  };
  for (const f of tokenFields) {
    const v = e[f];
    if (v !== null && (!Number.isSafeInteger(v) || v < 0))
      out.push({ field: columns[f], message: `expected a non-negative whole number, got ${v}` });
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
  return out;
}
