/**
 * Usage read off one OpenAI-style response body (FORMATS.md 1c): Chat Completions (`chat.completion`, or a
 * streamed `chat.completion.chunk` carrying usage), the Responses API (`response`), and OpenAI-compatible
 * vendors (xAI, DeepSeek, OpenRouter, ...), converted to our token convention.
 */
import { at, type IssueSink, isObj, money, type Obj, str, timestamp, tokens } from './fields';
import { modelCreator, normaliseModel } from './models';
import { brief, compactTags } from './openai-shared';
import type { BodyUsage } from './types';

const CHAT_OBJECTS = new Set(['chat.completion', 'chat.completion.chunk']);

/**
 * xAI reports `usage.cost_in_usd_ticks`. The scale is inferred, not documented: 1e10 ticks per USD, because
 * 1,641,500 ticks = $0.00016415 matches the sample's token counts at grok-3-mini list prices (FORMATS.md 10.1).
 */
const XAI_TICKS_PER_USD = 1e10;

export function isOpenAiBody(v: unknown): boolean {
  if (!isObj(v)) return false;
  if (v.object === 'response') return true;
  if (typeof v.object === 'string') return CHAT_OBJECTS.has(v.object);
  // Some OpenAI-compatible servers omit `object` but still send choices[] beside an OpenAI-style usage.
  return (
    v.object === undefined && Array.isArray(v.choices) && isObj(v.usage) && ('prompt_tokens' in v.usage || 'completion_tokens' in v.usage)
  );
}

interface Counts {
  input: number | null;
  cached: number | null;
  cacheWrite: number | null;
  output: number | null;
  reasoning: number | null;
  total: number | null;
}

/** Chat Completions usage: prompt_tokens includes cached; completion_tokens includes reasoning (OpenAI, DeepSeek). */
function chatCounts(u: Obj, sink: IssueSink): Counts {
  // Plain property reads rather than at(u, 'a.b'): this runs for every logged request.
  const prompt = isObj(u.prompt_tokens_details) ? u.prompt_tokens_details : undefined;
  const completion = isObj(u.completion_tokens_details) ? u.completion_tokens_details : undefined;
  // DeepSeek reports cache hits as prompt_cache_hit_tokens; use it only when the OpenAI field is absent.
  const cached =
    tokens(prompt?.cached_tokens, 'usage.prompt_tokens_details.cached_tokens', sink) ??
    tokens(u.prompt_cache_hit_tokens, 'usage.prompt_cache_hit_tokens', sink);
  return {
    input: tokens(u.prompt_tokens, 'usage.prompt_tokens', sink),
    cached,
    cacheWrite: tokens(prompt?.cache_write_tokens, 'usage.prompt_tokens_details.cache_write_tokens', sink),
    output: tokens(u.completion_tokens, 'usage.completion_tokens', sink),
    reasoning: tokens(completion?.reasoning_tokens, 'usage.completion_tokens_details.reasoning_tokens', sink),
    total: tokens(u.total_tokens, 'usage.total_tokens', sink),
  };
}

/** Responses API usage: input_tokens includes cached; output_tokens includes reasoning. */
function responsesCounts(u: Obj, sink: IssueSink): Counts {
  const t = (path: string) => tokens(at(u, path), `usage.${path}`, sink);
  return {
    input: t('input_tokens'),
    cached: t('input_tokens_details.cached_tokens'),
    cacheWrite: t('input_tokens_details.cache_write_tokens'),
    output: t('output_tokens'),
    reasoning: t('output_tokens_details.reasoning_tokens'),
    total: t('total_tokens'),
  };
}

/**
 * OpenAI counts reasoning inside output; xAI does not. The total decides: when input + output misses the
 * total and input + output + reasoning hits it exactly, reasoning was excluded, so add it to output once.
 * Anything else is left as reported (validation rejects reasoning > output rather than guessing).
 */
function settleReasoning(c: Counts): { output: number | null; excluded: boolean } {
  const { input, output, reasoning, total } = c;
  if (input === null || output === null || reasoning === null || total === null || reasoning === 0) return { output, excluded: false };
  if (input + output !== total && input + output + reasoning === total) return { output: output + reasoning, excluded: true };
  return { output, excluded: false };
}

/** Tool calls in a chat reply; null when no choice carries a message (e.g. a usage-only stream chunk). */
function chatToolCalls(choices: unknown): number | null {
  if (!Array.isArray(choices)) return null;
  let sawMessage = false;
  let n = 0;
  for (const c of choices) {
    const m = isObj(c) ? c.message : undefined;
    if (!isObj(m)) continue;
    sawMessage = true;
    if (Array.isArray(m.tool_calls)) n += m.tool_calls.length;
    else if (isObj(m.function_call)) n += 1; // the pre-tools function-calling API: one call per message
  }
  return sawMessage ? n : null;
}

/** Client-side tool calls among Responses output items; null unless the output has a message or a call. */
function responsesToolCalls(output: unknown): number | null {
  if (!Array.isArray(output)) return null;
  let sawReply = false;
  let n = 0;
  for (const item of output) {
    const type = isObj(item) ? item.type : undefined;
    if (type === 'function_call' || type === 'custom_tool_call') {
      n++;
      sawReply = true;
    } else if (type === 'message') sawReply = true;
  }
  return sawReply ? n : null;
}

/**
 * Returns null when the body has no usage to record: a stream chunk before the final one, or a Responses
 * object still queued / in progress. A finished body without usage still yields a BodyUsage (the request
 * happened; its tokens are unknown, so null). Invalid fields are reported to sink; callers drop the body then.
 */
export function mapOpenAiBody(body: Obj, sink: IssueSink): BodyUsage | null {
  const usage = body.usage;
  if (usage === undefined || usage === null) {
    if (body.object === 'chat.completion.chunk') return null;
    if (body.object === 'response' && (body.status === 'queued' || body.status === 'in_progress')) return null;
  } else if (!isObj(usage)) {
    sink.add('usage', `expected a usage object, got ${brief(usage)}`);
    return null;
  }
  const u = isObj(usage) ? usage : {};
  const responsesStyle = body.object === 'response' || ('input_tokens' in u && !('prompt_tokens' in u));
  const counts = responsesStyle ? responsesCounts(u, sink) : chatCounts(u, sink);
  const { output, excluded } = settleReasoning(counts);

  // OpenRouter resells other makers' models and bills in credits = USD (usage.cost); its ids are gen-…
  const viaOpenRouter = (typeof body.id === 'string' && body.id.startsWith('gen-')) || 'is_byok' in u;
  const billedCostUsd = viaOpenRouter
    ? money(u.cost, 'usage.cost', sink)
    : money(u.cost_in_usd_ticks, 'usage.cost_in_usd_ticks', sink, XAI_TICKS_PER_USD);
  const createdField = body.created !== undefined && body.created !== null ? 'created' : 'created_at';
  const createdAt = timestamp(body[createdField], createdField, sink);
  const modelRaw = str(body.model);
  const toolCalls = responsesStyle ? responsesToolCalls(body.output) : chatToolCalls(body.choices);
  if (!sink.ok) return null;

  return {
    responseId: str(body.id),
    // Who bills: OpenRouter when it routed the call; else the model's maker (grok -> xai); plain OpenAI otherwise.
    vendor: viaOpenRouter ? 'openrouter' : (modelCreator(normaliseModel(modelRaw)) ?? 'openai'),
    modelRaw,
    createdAt,
    inputTokens: counts.input,
    cachedInputTokens: counts.cached,
    cacheWriteTokens: counts.cacheWrite,
    outputTokens: output,
    reasoningTokens: counts.reasoning,
    billedCostUsd,
    toolCalls,
    tags: compactTags({
      service_tier: typeof body.service_tier === 'string' ? body.service_tier : null,
      reasoning_convention: excluded ? 'excluded' : null,
      // OpenRouter: the upstream provider that served it, and bring-your-own-key calls (billed by that provider too).
      served_by: viaOpenRouter && typeof body.provider === 'string' ? body.provider : null,
      is_byok: viaOpenRouter && typeof u.is_byok === 'boolean' ? u.is_byok : null,
    }),
  };
}
