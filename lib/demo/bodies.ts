/**
 * Renders an ApiEvent as an Itemized log line whose "response" is the vendor's real response body,
 * shaped like the samples in shared/samples (OpenAI Chat Completions and Responses, Anthropic
 * Messages, xAI and DeepSeek OpenAI-compatible Chat Completions). Texts are kept short on purpose.
 */
import type { ApiEvent } from './api-events';
import { XAI_TICKS } from './prices';
import { hash32, Rng } from './rng';
import { pickText, reasoningText, toolCall } from './texts';
import { iso, unixSeconds } from './time';

type Json = Record<string, unknown>;

function openAiChat(e: ApiEvent, rng: Rng): Json {
  const r = e.reasoning ?? 0;
  return {
    id: `chatcmpl-${rng.base62(29)}`,
    object: 'chat.completion',
    created: unixSeconds(e.t),
    model: e.model.modelRaw,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: pickText(rng, e), refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: e.input,
      completion_tokens: e.output,
      total_tokens: e.input + e.output,
      prompt_tokens_details: { cached_tokens: e.cached, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: r, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: r > 0 ? null : `fp_${rng.hex(10)}`,
  };
}

function openAiResponses(e: ApiEvent, rng: Rng): Json {
  const r = e.reasoning ?? 0;
  return {
    id: `resp_${rng.hex(50)}`,
    object: 'response',
    created_at: unixSeconds(e.t),
    status: 'completed',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: e.model.modelRaw,
    output: [
      { id: `rs_${rng.hex(50)}`, type: 'reasoning', summary: [] },
      {
        id: `msg_${rng.hex(50)}`,
        type: 'message',
        status: 'completed',
        content: [{ type: 'output_text', annotations: [], logprobs: [], text: pickText(rng, e) }],
        role: 'assistant',
      },
    ],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: e.effort ?? 'medium', summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: {
      input_tokens: e.input,
      input_tokens_details: { cached_tokens: e.cached },
      output_tokens: e.output,
      output_tokens_details: { reasoning_tokens: r },
      total_tokens: e.input + e.output,
    },
    user: null,
    metadata: {},
  };
}

function anthropicMessage(e: ApiEvent, rng: Rng): Json {
  const content: Json[] = [];
  if (e.reasoning !== null) content.push({ type: 'thinking', thinking: reasoningText(rng, e), signature: rng.base62(64) });
  content.push({ type: 'text', text: pickText(rng, e) });
  const usage: Json = {
    input_tokens: e.input - e.cached - e.write5m - e.write1h,
    cache_creation_input_tokens: e.write5m + e.write1h,
    cache_read_input_tokens: e.cached,
    cache_creation: { ephemeral_5m_input_tokens: e.write5m, ephemeral_1h_input_tokens: e.write1h },
    output_tokens: e.output,
  };
  // Only responses with extended thinking carry the decomposition; without it reasoning is unknown (NULL), not 0.
  if (e.reasoning !== null) usage.output_tokens_details = { thinking_tokens: e.reasoning };
  usage.service_tier = 'standard';
  usage.inference_geo = 'not_available';
  return {
    model: e.model.modelRaw,
    id: `msg_01${rng.base58(22)}`,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage,
  };
}

/** xAI: completion_tokens EXCLUDES reasoning; total = prompt + completion + reasoning; cost in 1e-10 USD ticks. */
function xaiChat(e: ApiEvent, rng: Rng): Json {
  const r = e.reasoning ?? 0;
  const visible = e.output - r;
  const price = XAI_TICKS[e.model.modelRaw];
  const ticks = (e.input - e.cached) * price.input + e.cached * price.cachedInput + e.output * price.output;
  const final = e.callIndex === e.callsInTrace - 1;
  const message: Json = {
    role: 'assistant',
    content: final ? pickText(rng, e) : null,
    reasoning_content: reasoningText(rng, e),
    refusal: null,
  };
  if (!final) message.tool_calls = [toolCall(rng)];
  return {
    id: rng.uuid(),
    object: 'chat.completion',
    created: unixSeconds(e.t),
    model: e.model.modelRaw,
    choices: [{ index: 0, message, finish_reason: final ? 'stop' : 'tool_calls' }],
    usage: {
      prompt_tokens: e.input,
      completion_tokens: visible,
      total_tokens: e.input + visible + r,
      prompt_tokens_details: { text_tokens: e.input, audio_tokens: 0, image_tokens: 0, cached_tokens: e.cached },
      completion_tokens_details: { reasoning_tokens: r, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      num_sources_used: 0,
      cost_in_usd_ticks: ticks,
    },
    system_fingerprint: `fp_${rng.hex(10)}`,
  };
}

/** DeepSeek: completion_tokens INCLUDES reasoning; cache hits reported twice (details and prompt_cache_hit_tokens). */
function deepseekChat(e: ApiEvent, rng: Rng): Json {
  return {
    id: rng.uuid(),
    object: 'chat.completion',
    created: unixSeconds(e.t),
    model: e.model.modelRaw,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: pickText(rng, e), reasoning_content: reasoningText(rng, e) },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: e.input,
      completion_tokens: e.output,
      total_tokens: e.input + e.output,
      prompt_tokens_details: { cached_tokens: e.cached },
      completion_tokens_details: { reasoning_tokens: e.reasoning ?? 0 },
      prompt_cache_hit_tokens: e.cached,
      prompt_cache_miss_tokens: e.input - e.cached,
    },
    system_fingerprint: `fp_${rng.hex(10)}_prod0820_fp8_kvcache`,
  };
}

export function renderBody(e: ApiEvent, rng: Rng): Json {
  switch (e.model.body) {
    case 'openai.chat':
      return openAiChat(e, rng);
    case 'openai.responses':
      return openAiResponses(e, rng);
    case 'anthropic.messages':
      return anthropicMessage(e, rng);
    case 'xai.chat':
      return xaiChat(e, rng);
    case 'deepseek.chat':
      return deepseekChat(e, rng);
  }
}

const TIERS = ['free', 'pro', 'pro', 'enterprise'];
const SEVERITIES = ['sev1', 'sev2', 'sev2', 'sev3', 'sev3', 'sev3'];

/** Extra tags beside feature; per-trace ones derive from the trace id so every call of a trace agrees. */
function extraTags(e: ApiEvent): Json {
  const h = hash32(e.traceId) >>> 0;
  if (e.wf.workflow === 'ticket-triage') return { customer_tier: TIERS[h % TIERS.length] };
  if (e.wf.workflow === 'incident-agent') return { severity: SEVERITIES[h % SEVERITIES.length] };
  if (e.step) return { step: e.step };
  return {};
}

/** One Itemized log line (JSON, no trailing newline). */
export function renderLogLine(e: ApiEvent): string {
  const rng = Rng.fromInt(e.seed);
  const line: Json = {
    timestamp: iso(e.t),
    request_id: rng.uuid(),
    metadata: {
      team: e.wf.team,
      workflow: e.wf.workflow,
      project: e.wf.project,
      user: e.user,
      environment: e.env,
      trace_id: e.traceId,
      feature: e.feature,
      ...extraTags(e),
    },
  };
  if (e.outcome) line.outcome = { success: e.outcome.success, score: e.outcome.score, source: e.outcome.source };
  line.latency_ms = e.latencyMs;
  line.response = renderBody(e, rng);
  return JSON.stringify(line);
}
