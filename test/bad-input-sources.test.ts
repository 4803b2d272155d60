/**
 * The foundation's bad-input list (empty, wrong format, missing field, negative number, impossible token
 * relations, bad timestamp, truncated gzip, oversized) against EVERY ingest source in lib/ingest/registry.ts,
 * through the transactional loader (the path the CLI, the upload route and the push route share).
 *
 * Each source gives a small valid record built from its own unit-test fixtures; each case mutates it. A bad file
 * holds a valid record first and the bad one second, so a partial write would show. For every applicable cell:
 * the file fails, an issue names the file and the line or record (record-level cases: and the field), no row
 * from it is stored (usage_events, cost_lines, outcomes unchanged), and a good file loaded after it still loads.
 * A cell that cannot apply to a source says why, and the reason is printed (no silent skips).
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../db/client';
import { testDatabases } from '../db/testing';
import { DEFAULT_DECOMPRESSION } from '../lib/ingest/gunzip';
import { ingestFile } from '../lib/ingest/load';
import { listSources } from '../lib/ingest/registry';
import type { SourceId } from '../lib/ingest/types';

type Rec = Record<string, unknown>;
type Framing = 'jsonl' | 'csv' | 'json-array';

/** A record-level case: how to break the second record, and the field the issue must name. */
interface Mutation {
  mutate: (r: Rec) => void;
  field: RegExp;
  /** CSV header problems are reported on line 1, before any row is read. */
  header?: true;
  /** The issue names the field in its message (a shape issue) rather than in its field. */
  inMessage?: true;
}
/** A case that cannot apply to the source, and why. */
interface NotApplicable {
  na: string;
}
type Cell = Mutation | NotApplicable;

interface Spec {
  id: SourceId;
  /** Bad and good files' base name (some sources take a hint from it). */
  file: string;
  framing: Framing;
  /** A valid record, distinct for each i (its identity and time change with i). */
  record: (i: number) => Rec;
  /** JSONL lines that come before the records (e.g. Codex's session header). */
  prelude?: Rec[];
  /** Content of another source's format, forced through this one (--source). */
  foreign: { content: string; expect: RegExp };
  missing: Cell;
  negative: Cell;
  cachedAboveInput: Cell;
  reasoningAboveOutput: Cell;
  badTimestamp: Cell;
}

const CASES = [
  'empty file',
  'wrong format (forced)',
  'missing field',
  'negative number',
  'cached above input',
  'reasoning above output',
  'unparseable timestamp',
  'truncated gzip',
  'oversized (decompression limit)',
] as const;
type CaseName = (typeof CASES)[number];

const day = (i: number) => new Date(Date.UTC(2025, 9, 1) + i * 86_400_000).toISOString();
const unix = (i: number) => String(1730419200 + i * 86_400);
const dig = (r: Rec, path: string): Rec => path.split('.').reduce((o, k) => o[k] as Rec, r);
const BAD_TIME = 'last tuesday';

// Foreign content (another source's format), one per framing.
const FOREIGN_JSONL = `${JSON.stringify({ request_id: 'req-1', trace_id: '', success: true, score: 1, outcome_source: 'ci' })}\n${JSON.stringify({ request_id: 'req-2', success: false, score: 0, outcome_source: 'ci' })}\n`;
const FOREIGN_JSON = JSON.stringify([{ request_id: 'req-1', success: true, outcome_source: 'ci' }]);
const FOREIGN_CSV = 'request_id,trace_id,success,score,outcome_source\nreq-1,,true,1,ci-tests\nreq-2,,0,,ci-tests\n';
const FOREIGN_USAGE_JSONL = `${JSON.stringify({ timestamp: '2026-03-01T10:00:00Z', request_id: 'r1', response: { id: 'chatcmpl-1', object: 'chat.completion', created: 1772359200, model: 'gpt-4.1-mini', choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } } })}\n`;

const SPECS: Spec[] = [
  {
    id: 'openai_usage',
    file: 'completions_usage_2024-11-01_2024-12-01.csv',
    framing: 'csv',
    record: (i) => ({
      start_time: unix(i),
      end_time: unix(i + 1),
      input_tokens: '1200',
      output_tokens: '400',
      input_cached_tokens: '200',
      num_model_requests: '4',
      project_id: 'proj_a',
      model: 'gpt-4o-mini-2024-07-18',
    }),
    foreign: { content: FOREIGN_CSV, expect: /missing column/ },
    missing: { mutate: (r) => delete r.input_tokens, field: /^input_tokens$/, header: true },
    negative: { mutate: (r) => (r.input_tokens = '-5'), field: /^input_tokens$/ },
    cachedAboveInput: { mutate: (r) => (r.input_cached_tokens = '2000'), field: /cached_input_tokens/ },
    reasoningAboveOutput: { na: 'the Usage API has no reasoning count (reasoning is inside output_tokens)' },
    badTimestamp: { mutate: (r) => (r.start_time = BAD_TIME), field: /^start_time$/ },
  },
  {
    id: 'openai_costs',
    file: 'cost_2024-11-01_2024-12-01.csv',
    framing: 'csv',
    record: (i) => ({
      start_time: unix(i),
      end_time: unix(i + 1),
      amount_value: '0.06',
      amount_currency: 'usd',
      quantity: '400000',
      quantity_unit: 'tokens',
      line_item: 'gpt-4o-mini-2024-07-18, input',
      project_id: 'proj_a',
    }),
    foreign: { content: FOREIGN_CSV, expect: /missing column/ },
    missing: { mutate: (r) => delete r.amount_value, field: /^amount_value$/, header: true },
    negative: { mutate: (r) => (r.quantity = '-400000'), field: /^quantity$/ },
    cachedAboveInput: { na: 'a cost export: amounts and quantities, no token counts' },
    reasoningAboveOutput: { na: 'a cost export: amounts and quantities, no token counts' },
    badTimestamp: { mutate: (r) => (r.start_time = BAD_TIME), field: /^start_time$/ },
  },
  {
    id: 'anthropic_usage',
    file: 'usage-report.json',
    framing: 'json-array',
    record: (i) => ({
      starting_at: day(i),
      ending_at: day(i + 1),
      results: [
        {
          workspace_id: 'wrkspc_alpha',
          model: 'claude-sonnet-4-5-20250929',
          uncached_input_tokens: 700,
          cache_read_input_tokens: 2100,
          output_tokens: 90,
        },
      ],
    }),
    foreign: { content: FOREIGN_JSON, expect: /expected an Anthropic usage report page/ },
    missing: { mutate: (r) => delete r.ending_at, field: /^ending_at$/ },
    negative: { mutate: (r) => (dig(r, 'results.0').output_tokens = -5), field: /results\[0\]\.output_tokens/ },
    cachedAboveInput: { na: 'input is computed as uncached + cache read + cache write, so the cache parts cannot exceed it' },
    reasoningAboveOutput: { na: 'the usage report has no reasoning (thinking) count' },
    badTimestamp: { mutate: (r) => (r.starting_at = BAD_TIME), field: /^starting_at$/ },
  },
  {
    id: 'anthropic_costs',
    file: 'cost-report.json',
    framing: 'json-array',
    record: (i) => ({
      starting_at: day(i),
      ending_at: day(i + 1),
      results: [
        {
          currency: 'USD',
          amount: '123.45',
          workspace_id: 'wrkspc_alpha',
          description: 'Claude Sonnet 4 Usage - Input Tokens',
          cost_type: 'tokens',
          model: 'claude-sonnet-4-20250514',
          token_type: 'uncached_input_tokens',
        },
      ],
    }),
    foreign: { content: FOREIGN_JSON, expect: /expected an Anthropic cost report page/ },
    missing: { mutate: (r) => delete dig(r, 'results.0').amount, field: /results\[0\]\.amount/ },
    negative: {
      na: 'no count field; amount is money (US cents), and a negative amount (a credit) is stored as given, as FOCUS credits and corrections are',
    },
    cachedAboveInput: { na: 'a cost report: amounts, no token counts' },
    reasoningAboveOutput: { na: 'a cost report: amounts, no token counts' },
    badTimestamp: { mutate: (r) => (r.starting_at = BAD_TIME), field: /^starting_at$/ },
  },
  {
    id: 'claude_code',
    file: 'session.jsonl',
    framing: 'jsonl',
    record: (i) => ({
      parentUuid: null,
      isSidechain: false,
      userType: 'external',
      cwd: '/Users/dev/src/itemized',
      sessionId: '9d1f3c2a-5b7e-4f0a-9c61-2e8d4b6a7f10',
      version: '2.1.3',
      type: 'assistant',
      uuid: `u-${i}`,
      timestamp: day(i),
      message: {
        id: `msg_${i}`,
        type: 'message',
        role: 'assistant',
        model: 'claude-opus-4-5-20251101',
        content: [{ type: 'text', text: 'done' }],
        stop_reason: 'end_turn',
        usage: { input_tokens: 4, cache_creation_input_tokens: 1000, cache_read_input_tokens: 20000, output_tokens: 50 },
      },
      requestId: `req_${i}`,
    }),
    foreign: { content: FOREIGN_JSONL, expect: /no Claude Code log line in the file/ },
    missing: { mutate: (r) => delete r.timestamp, field: /^timestamp$/ },
    negative: { mutate: (r) => (dig(r, 'message.usage').output_tokens = -5), field: /output_tokens/ },
    cachedAboveInput: {
      na: 'input is computed as input_tokens (uncached) + cache read + cache write, so the cache parts cannot exceed it',
    },
    reasoningAboveOutput: {
      mutate: (r) => (dig(r, 'message.usage').output_tokens_details = { thinking_tokens: 500 }),
      field: /reasoning_tokens/,
    },
    badTimestamp: { mutate: (r) => (r.timestamp = BAD_TIME), field: /^timestamp$/ },
  },
  {
    id: 'codex',
    file: 'rollout-2025-10-01T00-00-00-0199b7e2.jsonl',
    framing: 'jsonl',
    prelude: [
      {
        timestamp: day(0),
        type: 'session_meta',
        payload: { id: '0199b7e2-3c4d-7a10-9f00-5e6d7c8b9a01', timestamp: day(0), cwd: '/Users/dev/src/itemized', cli_version: '0.46.0' },
      },
      { timestamp: day(0), type: 'turn_context', payload: { cwd: '/Users/dev/src/itemized', model: 'gpt-5-codex' } },
    ],
    record: (i) => {
      const n = i + 1;
      const usage = (k: number) => ({
        input_tokens: 1000 * k,
        cached_input_tokens: 500 * k,
        output_tokens: 100 * k,
        reasoning_output_tokens: 50 * k,
        total_tokens: 1100 * k,
      });
      return {
        timestamp: day(i),
        type: 'event_msg',
        payload: { type: 'token_count', info: { total_token_usage: usage(n), last_token_usage: usage(1), model_context_window: 272000 } },
      };
    },
    foreign: { content: FOREIGN_USAGE_JSONL, expect: /no Codex log line in the file/ },
    missing: { mutate: (r) => delete r.timestamp, field: /^timestamp$/ },
    negative: {
      mutate: (r) => (dig(r, 'payload.info.total_token_usage').output_tokens = -5),
      field: /payload\.info\.total_token_usage\.output_tokens/,
    },
    cachedAboveInput: {
      mutate: (r) => {
        for (const k of ['total_token_usage', 'last_token_usage']) {
          const u = dig(r, `payload.info.${k}`);
          u.cached_input_tokens = (u.input_tokens as number) * 10;
        }
      },
      field: /cached_input_tokens/,
    },
    reasoningAboveOutput: {
      na: 'reasoning_output_tokens above output_tokens is read as the excluded convention (reasoning billed on top, tagged reasoning_convention), not an error (codex.ts, FORMATS.md)',
    },
    badTimestamp: { mutate: (r) => (r.timestamp = BAD_TIME), field: /^timestamp$/ },
  },
  {
    id: 'litellm',
    file: 'spend-logs.csv',
    framing: 'csv',
    record: (i) => ({
      request_id: `req-${i}`,
      call_type: 'acompletion',
      api_key: '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b',
      spend: '0.0123450',
      total_tokens: '1550',
      prompt_tokens: '1250',
      completion_tokens: '300',
      startTime: day(i).replace('T', ' ').replace('Z', ''),
      endTime: day(i).replace('T', ' ').replace('Z', ''),
      model: 'claude-sonnet-4-5-20250929',
      custom_llm_provider: 'anthropic',
      metadata: '{}',
      status: 'success',
    }),
    foreign: { content: FOREIGN_CSV, expect: /expected a LiteLLM_SpendLogs row/ },
    missing: { mutate: (r) => (r.startTime = ''), field: /^startTime$/ },
    negative: { mutate: (r) => (r.prompt_tokens = '-5'), field: /^prompt_tokens$/ },
    cachedAboveInput: {
      na: 'cache detail above prompt_tokens is read as an older LiteLLM that left cache writes out of prompt_tokens: they are added and the row tagged promptTokensAdjusted (litellm.ts)',
    },
    reasoningAboveOutput: {
      na: 'reasoning above completion_tokens is read as exclusive counting (xAI style): output = completion + reasoning, tagged reasoningExcludedFromCompletion (litellm.ts)',
    },
    badTimestamp: { mutate: (r) => (r.startTime = BAD_TIME), field: /^startTime$/ },
  },
  {
    id: 'openrouter',
    file: 'generations.jsonl',
    framing: 'jsonl',
    record: (i) => ({
      id: `gen-1767763000-${String(i).padStart(20, '0')}`,
      created_at: day(i),
      model: 'openai/gpt-4.1-mini',
      provider_name: 'OpenAI',
      tokens_prompt: 1000,
      tokens_completion: 200,
      native_tokens_prompt: 1000,
      native_tokens_completion: 200,
      native_tokens_reasoning: 50,
      native_tokens_cached: 800,
      total_cost: 0.00005,
      usage: 0.00005,
      latency: 1300,
    }),
    foreign: { content: FOREIGN_JSONL, expect: /./ },
    missing: { mutate: (r) => (r.created_at = null), field: /^created_at$/ },
    negative: { mutate: (r) => (r.native_tokens_prompt = -5), field: /^native_tokens_prompt$/ },
    cachedAboveInput: { mutate: (r) => (r.native_tokens_cached = 5000), field: /cached_input_tokens/ },
    reasoningAboveOutput: { mutate: (r) => (r.native_tokens_reasoning = 5000), field: /reasoning_tokens/ },
    badTimestamp: { mutate: (r) => (r.created_at = BAD_TIME), field: /^created_at$/ },
  },
  {
    id: 'helicone',
    file: 'helicone-requests.jsonl',
    framing: 'jsonl',
    record: (i) => ({
      request_id: `3f1c2a9e-0004-4c1a-9d4e-${String(i).padStart(12, '0')}`,
      request_created_at: day(i),
      provider: 'OPENAI',
      model: 'gpt-4o-mini',
      prompt_tokens: 400,
      prompt_cache_read_tokens: 100,
      prompt_cache_write_tokens: 0,
      completion_tokens: 50,
      costUSD: 0.0000825,
      delay_ms: 700,
    }),
    foreign: { content: FOREIGN_JSONL, expect: /./ },
    missing: { mutate: (r) => (r.request_created_at = null), field: /^request_created_at$/ },
    negative: { mutate: (r) => (r.completion_tokens = -5), field: /^completion_tokens$/ },
    cachedAboveInput: {
      na: 'input is computed as prompt + cache read + cache write (Helicone stores them apart), so the cache parts cannot exceed it',
    },
    reasoningAboveOutput: { na: 'Helicone exports carry no reasoning count' },
    badTimestamp: { mutate: (r) => (r.request_created_at = BAD_TIME), field: /^request_created_at$/ },
  },
  {
    id: 'langfuse',
    file: 'observations.jsonl',
    framing: 'jsonl',
    record: (i) => ({
      id: `obs-${i}`,
      traceId: 'trace-1',
      type: 'GENERATION',
      name: 'response',
      startTime: day(i),
      model: 'gpt-4.1-2025-04-14',
      usageDetails: { input: 500, output: 80, total: 580, 'prompt_details.cache_read': 300, 'completion_details.reasoning': 60 },
      costDetails: { input: 0.001, output: 0.00064, total: 0.00164 },
    }),
    foreign: { content: FOREIGN_JSONL, expect: /./ },
    // Without its id the line is no longer an observation: the shape issue names the expected fields, id first.
    missing: { mutate: (r) => delete r.id, field: /an observation \{id, traceId/, inMessage: true },
    negative: { mutate: (r) => (dig(r, 'usageDetails').output = -5), field: /usageDetails\.output/ },
    cachedAboveInput: { mutate: (r) => (dig(r, 'usageDetails')['prompt_details.cache_read'] = 5000), field: /cached_input_tokens/ },
    reasoningAboveOutput: { mutate: (r) => (dig(r, 'usageDetails')['completion_details.reasoning'] = 5000), field: /reasoning_tokens/ },
    badTimestamp: { mutate: (r) => (r.startTime = BAD_TIME), field: /^startTime$/ },
  },
  {
    id: 'focus',
    file: 'focus-export.csv',
    framing: 'csv',
    record: (i) => ({
      BilledCost: '3.703701',
      BillingCurrency: 'USD',
      ChargeCategory: 'Usage',
      ChargeDescription: 'USE1-MP:USE1_InputTokenCount-Units',
      ChargePeriodStart: day(i),
      ChargePeriodEnd: day(i + 1),
      ConsumedQuantity: '1234567',
      ConsumedUnit: 'Tokens',
      ListCost: '3.703701',
      ProviderName: 'AWS',
      ServiceCategory: 'AI and Machine Learning',
      ServiceName: 'Claude Sonnet 4.5 (Amazon Bedrock Edition)',
      SkuId: 'SKU-CLAUDE-IN',
      SubAccountId: '111122223333',
    }),
    foreign: { content: FOREIGN_CSV, expect: /missing FOCUS column/ },
    missing: { mutate: (r) => (r.BilledCost = ''), field: /^BilledCost$/ },
    negative: {
      na: 'FOCUS allows negative BilledCost and ConsumedQuantity (credits, refunds and ChargeClass Correction rows, FORMATS.md); a FOCUS bill has no token counts',
    },
    cachedAboveInput: { na: 'a cloud bill: cost lines, no token counts' },
    reasoningAboveOutput: { na: 'a cloud bill: cost lines, no token counts' },
    badTimestamp: { mutate: (r) => (r.ChargePeriodStart = BAD_TIME), field: /^ChargePeriodStart$/ },
  },
  {
    id: 'aws_bedrock',
    file: 'invocations.jsonl',
    framing: 'jsonl',
    record: (i) => ({
      schemaType: 'ModelInvocationLog',
      schemaVersion: '1.0',
      timestamp: day(i),
      accountId: '111122223333',
      region: 'us-east-1',
      requestId: `req-converse-${i}`,
      operation: 'Converse',
      modelId: 'amazon.nova-lite-v1:0',
      input: { inputContentType: 'application/json', inputTokenCount: 4, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 },
      output: { outputContentType: 'application/json', outputTokenCount: 38 },
    }),
    foreign: { content: FOREIGN_JSONL, expect: /expected a Bedrock ModelInvocationLog record/ },
    missing: { mutate: (r) => delete r.timestamp, field: /^timestamp$/ },
    negative: { mutate: (r) => (dig(r, 'output').outputTokenCount = -5), field: /output\.outputTokenCount/ },
    cachedAboveInput: {
      na: 'input is computed as inputTokenCount (uncached) + cache read + cache write, so the cache parts cannot exceed it',
    },
    reasoningAboveOutput: { na: 'invocation logs carry no reasoning count (it is inside outputTokenCount)' },
    badTimestamp: { mutate: (r) => (r.timestamp = BAD_TIME), field: /^timestamp$/ },
  },
  {
    id: 'otel_genai',
    file: 'traces.jsonl',
    framing: 'jsonl',
    record: (i) => ({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'legacy-app' } }] },
          scopeSpans: [
            {
              scope: { name: 'opentelemetry.instrumentation.openai' },
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: `b7ad6b716920${String(i).padStart(4, '0')}`,
                  name: 'chat gpt-4.1-mini',
                  startTimeUnixNano: `${Date.parse(day(i))}000000`,
                  endTimeUnixNano: `${Date.parse(day(i)) + 2000}000000`,
                  attributes: [
                    { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
                    { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4.1-mini' } },
                    { key: 'gen_ai.usage.input_tokens', value: { intValue: '200' } },
                    { key: 'gen_ai.usage.output_tokens', value: { intValue: '40' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    }),
    foreign: { content: FOREIGN_JSONL, expect: /./ },
    missing: { mutate: (r) => delete span(r).traceId, field: /traceId/ },
    negative: {
      mutate: (r) => ((span(r).attributes as Rec[])[3] = { key: 'gen_ai.usage.output_tokens', value: { intValue: '-5' } }),
      field: /gen_ai\.usage\.output_tokens/,
    },
    cachedAboveInput: {
      na: 'cache read + write above input is read as an instrumentation that reports input without the cache (older Anthropic ones): added and tagged inputExcludedCache (otel-genai.ts)',
    },
    reasoningAboveOutput: {
      na: 'reasoning above output is read as exclusive counting: added and tagged reasoningExcludedFromOutput (otel-genai.ts)',
    },
    badTimestamp: { mutate: (r) => (span(r).startTimeUnixNano = BAD_TIME), field: /startTimeUnixNano/ },
  },
  {
    id: 'outcomes',
    file: 'outcomes.jsonl',
    framing: 'jsonl',
    record: (i) => ({ request_id: `req-${i}`, success: true, score: 0.9, outcome_source: 'eval:correctness' }),
    foreign: { content: FOREIGN_USAGE_JSONL, expect: /./ },
    missing: {
      mutate: (r) => {
        delete r.request_id;
        delete r.trace_id;
      },
      field: /^request_id$/,
    },
    negative: { mutate: (r) => (r.score = -0.5), field: /^score$/ },
    cachedAboveInput: { na: 'outcomes carry no token counts' },
    reasoningAboveOutput: { na: 'outcomes carry no token counts' },
    badTimestamp: { na: 'outcomes carry no time: they join usage by request_id or trace_id' },
  },
  {
    id: 'response_log',
    file: 'responses.jsonl',
    framing: 'jsonl',
    record: (i) => ({
      timestamp: day(i),
      request_id: `req_${i}`,
      response: {
        id: `chatcmpl-${i}`,
        object: 'chat.completion',
        created: 1772446499,
        model: 'gpt-4.1-mini-2025-04-14',
        choices: [],
        usage: {
          prompt_tokens: 500,
          completion_tokens: 120,
          total_tokens: 620,
          prompt_tokens_details: { cached_tokens: 256 },
          completion_tokens_details: { reasoning_tokens: 64 },
        },
      },
    }),
    foreign: { content: FOREIGN_CSV, expect: /reads jsonl\/json, but this file is csv/ },
    missing: {
      mutate: (r) => {
        delete dig(r, 'response').object;
        delete dig(r, 'response').usage;
      },
      field: /^response$/,
    },
    negative: { mutate: (r) => (dig(r, 'response.usage').prompt_tokens = -5), field: /prompt_tokens|input_tokens/ },
    cachedAboveInput: {
      mutate: (r) => (dig(r, 'response.usage.prompt_tokens_details').cached_tokens = 5000),
      field: /cached_input_tokens/,
    },
    reasoningAboveOutput: {
      mutate: (r) => (dig(r, 'response.usage.completion_tokens_details').reasoning_tokens = 5000),
      field: /reasoning_tokens/,
    },
    badTimestamp: { mutate: (r) => (r.timestamp = BAD_TIME), field: /^timestamp$/ },
  },
];

function span(r: Rec): Rec {
  return dig(r, 'resourceSpans.0.scopeSpans.0.spans.0');
}

function csv(rows: Rec[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n')}\n`;
}

function serialize(s: Spec, records: Rec[], header?: (r: Rec) => void): string {
  if (s.framing === 'csv') {
    if (header) for (const r of records) header(r);
    return csv(records);
  }
  if (s.framing === 'json-array') return JSON.stringify(records, null, 1);
  return `${[...(s.prelude ?? []), ...records].map((r) => JSON.stringify(r)).join('\n')}\n`;
}

/** Where the second record of a bad file is reported. */
function secondRecord(s: Spec): { line?: number; record?: number } {
  if (s.framing === 'csv') return { line: 3 };
  if (s.framing === 'json-array') return { record: 2 };
  return { line: (s.prelude?.length ?? 0) + 2 };
}

const isNa = (c: Cell): c is NotApplicable => 'na' in c;

/** Every cell: the bad file's bytes and options, what to expect; or why it does not apply. */
function cell(
  s: Spec,
  name: CaseName,
  k: number,
): { na: string } | { content: Buffer; force: boolean; limitBytes?: number; expect: Expected } {
  const valid = () => s.record(3 * k);
  const mutated = (m: Mutation) => {
    const r = structuredClone(s.record(3 * k + 1));
    if (!m.header) m.mutate(r);
    return r;
  };
  const recordCase = (c: Cell) => {
    if (isNa(c)) return { na: c.na };
    const content = Buffer.from(serialize(s, [valid(), mutated(c)], c.header ? c.mutate : undefined));
    return { content, force: true, expect: { where: c.header ? { line: 1 } : secondRecord(s), field: c.field, inMessage: c.inMessage } };
  };
  const whole = Buffer.from(serialize(s, [valid(), s.record(3 * k + 1)]));
  switch (name) {
    case 'empty file':
      return { content: Buffer.alloc(0), force: false, expect: { code: 'empty', message: /empty/ } };
    case 'wrong format (forced)':
      return { content: Buffer.from(s.foreign.content), force: true, expect: { message: s.foreign.expect, foreign: true } };
    case 'missing field':
      return recordCase(s.missing);
    case 'negative number':
      return recordCase(s.negative);
    case 'cached above input':
      return recordCase(s.cachedAboveInput);
    case 'reasoning above output':
      return recordCase(s.reasoningAboveOutput);
    case 'unparseable timestamp':
      return recordCase(s.badTimestamp);
    case 'truncated gzip': {
      // Pad with blank lines / trailing whitespace so the cut falls inside the deflate stream, past the header.
      const gz = gzipSync(Buffer.concat([whole, Buffer.from('\n'.repeat(4096))]));
      return { content: gz.subarray(0, Math.floor(gz.length / 2)), force: false, expect: { code: 'bad_gzip', message: /gzip/ } };
    }
    case 'oversized (decompression limit)': {
      // A valid file that inflates past a low ITEMIZED_MAX_DECOMPRESSED_MB (set here through the loader's option).
      const gz = gzipSync(Buffer.concat([whole, Buffer.from(' '.repeat(64 * 1024))]));
      return {
        content: gz,
        force: false,
        limitBytes: 32 * 1024,
        expect: { code: 'decompression_limit', message: /ITEMIZED_MAX_DECOMPRESSED_MB/ },
      };
    }
  }
}

interface Expected {
  /** Record-level: where the bad record is reported, and the field named. */
  where?: { line?: number; record?: number };
  field?: RegExp;
  inMessage?: true;
  /** File-level: the IngestFileError code. */
  code?: string;
  message?: RegExp;
  /** Foreign content: any issue will do, but it must name a line or record (or be a framing refusal). */
  foreign?: true;
}

async function stored(conn: Connection): Promise<number[]> {
  const n = async (t: string) => Number((await conn.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`))[0].n);
  return [await n('usage_events'), await n('cost_lines'), await n('outcomes')];
}

const MTIME = new Date('2026-01-01T00:00:00Z');
async function* bytes(b: Buffer): AsyncIterable<Buffer> {
  yield b;
}

const skipped = new Set<string>();

test('the matrix covers every registered source', () => {
  expect(SPECS.map((s) => s.id).sort()).toEqual(
    listSources()
      .map((s) => s.id)
      .sort(),
  );
});

describe.each(testDatabases().map((d) => [d.name, d] as const))('%s', (dbName, db) => {
  // Postgres: a subset of sources (one per framing family) to keep the run short; PGlite runs them all.
  const specs =
    dbName === 'postgres' ? SPECS.filter((s) => ['openai_usage', 'anthropic_costs', 'response_log', 'focus'].includes(s.id)) : SPECS;
  let conn: Connection;
  beforeAll(async () => {
    conn = await db.open();
  });
  afterAll(async () => {
    await conn?.close();
    await db.dispose();
  });

  describe.each(specs.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    test('control: the valid records load, detected from content', async () => {
      const r = await ingestFile(conn, {
        file: `control-${s.file}`,
        input: bytes(Buffer.from(serialize(s, [s.record(1000), s.record(1001)]))),
        fileMtime: MTIME,
      });
      expect(r.issues).toEqual([]);
      expect(r).toMatchObject({ source: s.id, status: 'succeeded', rowsInserted: 2 });
    });

    test.each(CASES.map((c, k) => [c, k] as const))('%s', async (name, k) => {
      const c = cell(s, name, k);
      if ('na' in c) {
        skipped.add(`${s.id} × ${name}: ${c.na}`);
        console.log(`not applicable: ${s.id} × ${name}: ${c.na}`);
        expect(c.na.length).toBeGreaterThan(20);
        return;
      }
      const file = `bad-${k}-${s.file}${name.includes('gzip') || name.includes('oversized') ? '.gz' : ''}`;
      const before = await stored(conn);
      const r = await ingestFile(conn, {
        file,
        input: bytes(c.content),
        fileMtime: MTIME,
        source: c.force ? s.id : undefined,
        decompression: c.limitBytes ? { ...DEFAULT_DECOMPRESSION, maxBytes: c.limitBytes } : undefined,
      });
      const show = JSON.stringify(r.issues);
      expect(r.status, show).toBe('failed');
      expect(r.rowsInserted).toBe(0);
      expect(r.issues.length, show).toBeGreaterThan(0);
      for (const i of r.issues) expect(i.file).toBe(file);
      const e = c.expect;
      if (e.code) {
        expect(r.failure).toBe('file');
        expect(r.failureCode).toBe(e.code);
      }
      if (e.message)
        expect(
          r.issues.some((i) => e.message!.test(i.message)),
          show,
        ).toBe(true);
      if (e.foreign) {
        const located = r.issues.some((i) => i.line !== undefined || i.record !== undefined);
        expect(located || r.failureCode === 'wrong_framing', show).toBe(true);
      }
      if (e.where) {
        const hit = r.issues.find((i) => e.field!.test((e.inMessage ? i.message : i.field) ?? ''));
        expect(hit, show).toBeDefined();
        if (e.where.line !== undefined) expect(hit!.line, show).toBe(e.where.line);
        if (e.where.record !== undefined) expect(hit!.record, show).toBe(e.where.record);
      }
      // Nothing from the bad file is stored, and a good file after it in the same run still loads.
      expect(await stored(conn)).toEqual(before);
      const good = await ingestFile(conn, {
        file: `good-${k}-${s.file}`,
        input: bytes(Buffer.from(serialize(s, [s.record(3 * k + 2)]))),
        fileMtime: MTIME,
      });
      expect(good.issues).toEqual([]);
      expect(good).toMatchObject({ source: s.id, status: 'succeeded', rowsInserted: 1 });
    });
  });
});

afterAll(() => {
  if (skipped.size) console.log(`${skipped.size} cells not applicable:\n  ${[...skipped].join('\n  ')}`);
});
