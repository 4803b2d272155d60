/**
 * OpenAI Codex CLI session logs (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl; FORMATS.md 2d).
 * Each line is `{timestamp, type, payload}`. `session_meta` names the session and its cwd, `turn_context`
 * the model, and `event_msg` lines with payload.type "token_count" carry the session's cumulative
 * `total_token_usage` plus the last request's `last_token_usage`.
 *
 * Token convention (OpenAI's): input_tokens INCLUDES cached_input_tokens, and output_tokens INCLUDES
 * reasoning_output_tokens, so both map straight onto ours. The sample's total_tokens are synthetic
 * (input + output + reasoning), so total_tokens never decides the convention. If a record shows more
 * reasoning than output, that cannot be a subset: we read that record as reasoning-exclusive, bill
 * output + reasoning as output and tag reasoning_convention: "excluded".
 */
import { fileStem, folderOf, lastPathSegment } from './claude-code';
import { IssueSink, isObj, type Obj, str, timestamp, tokens } from './fields';
import { modelCreator, normaliseModel } from './models';
import { FormatRecognition, type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem } from './types';

/** Token counts of one token_usage object, in Codex's own field names. */
interface CodexUsage {
  input: number | null;
  cached: number | null;
  output: number | null;
  reasoning: number | null;
  total: number | null;
}

const FIELDS: [keyof CodexUsage, string][] = [
  ['input', 'input_tokens'],
  ['cached', 'cached_input_tokens'],
  ['output', 'output_tokens'],
  ['reasoning', 'reasoning_output_tokens'],
  ['total', 'total_tokens'],
];

function readUsage(v: unknown, path: string, sink: IssueSink): CodexUsage | null {
  if (!isObj(v)) return null;
  const u = { input: null, cached: null, output: null, reasoning: null, total: null } as CodexUsage;
  for (const [k, f] of FIELDS) u[k] = tokens(v[f], `${path}.${f}`, sink);
  return u;
}

/** cur - prev per field; null stays null (unknown). */
function minus(cur: CodexUsage, prev: CodexUsage | null): CodexUsage {
  const out = { ...cur };
  for (const [k] of FIELDS) {
    const c = cur[k];
    out[k] = c === null ? null : c - (prev?.[k] ?? 0);
  }
  return out;
}

const anyNegative = (u: CodexUsage) => FIELDS.some(([k]) => (u[k] ?? 0) < 0);
const anyGrowth = (u: CodexUsage) => FIELDS.some(([k]) => (u[k] ?? 0) > 0);

const LINE_TYPES = new Set(['session_meta', 'turn_context', 'event_msg', 'response_item', 'compacted']);

function isCodexLine(v: unknown): boolean {
  return isObj(v) && typeof v.type === 'string' && LINE_TYPES.has(v.type) && isObj(v.payload);
}

/**
 * Project when no cwd is logged: the folder holding the file, unless it is one of Codex's date folders
 * (sessions/2025/10/02/), which would make every day a "project".
 */
function fileProject(file: string): string | null {
  const f = folderOf(file);
  return f && !/^\d+$/.test(f) ? f : null;
}

async function* parseCodex(records: AsyncIterable<FramedRecord>, ctx: ParseContext): AsyncIterable<ParsedItem> {
  let sessionId: string | null = null;
  let sessionCwd: string | null = null;
  let turnCwd: string | null = null;
  let turnModel: string | null = null;
  let cliVersion: string | null = null;
  /** The last cumulative total seen, to turn totals into per-request deltas. */
  let prevTotal: CodexUsage | null = null;

  // A file with no Codex line at all is another format (e.g. forced with --source): say so rather than load nothing.
  const format = new FormatRecognition();
  for await (const rec of records) {
    const where = { file: ctx.file, line: rec.line, record: rec.record };
    const v = rec.value;
    if (!isObj(v)) {
      format.see(where, false);
      yield { kind: 'issue', issue: { ...where, message: `expected a Codex log object, got ${JSON.stringify(v)}` } };
      continue;
    }
    format.see(where, isCodexLine(v));
    const payload: Obj = isObj(v.payload) ? v.payload : {};
    if (v.type === 'session_meta') {
      sessionId = str(payload.id) ?? sessionId;
      sessionCwd = str(payload.cwd) ?? sessionCwd;
      cliVersion = str(payload.cli_version) ?? cliVersion;
      continue;
    }
    if (v.type === 'turn_context') {
      turnModel = str(payload.model) ?? turnModel;
      turnCwd = str(payload.cwd) ?? turnCwd;
      continue;
    }
    // Only token_count events carry usage; info is null on rate-limit-only updates.
    if (v.type !== 'event_msg' || payload.type !== 'token_count' || !isObj(payload.info)) continue;
    const info = payload.info;
    const sink = new IssueSink(where);
    const total = readUsage(info.total_token_usage, 'payload.info.total_token_usage', sink);
    const last = readUsage(info.last_token_usage, 'payload.info.last_token_usage', sink);
    if (!sink.ok) {
      for (const issue of sink.issues) yield { kind: 'issue', issue };
      continue;
    }
    let delta: CodexUsage | null;
    let counterReset = false;
    if (total) {
      delta = minus(total, prevTotal);
      if (anyNegative(delta)) {
        // The cumulative counter went backwards (a new or resumed session in the same file): start over.
        counterReset = true;
        delta = last ?? total;
      }
      prevTotal = total;
      if (!counterReset && !anyGrowth(delta)) {
        // Codex re-emits token_count with an unchanged total: the same request, already counted.
        yield { kind: 'duplicate', line: rec.line, record: rec.record };
        continue;
      }
    } else delta = last;
    if (!delta) continue;

    const occurredAt = timestamp(v.timestamp, 'timestamp', sink);
    if (!occurredAt) {
      if (sink.ok) sink.add('timestamp', 'expected an ISO-8601 timestamp on a token_count line');
      for (const issue of sink.issues) yield { kind: 'issue', issue };
      continue;
    }
    // Reasoning above output cannot be a subset of it (see the header): bill it on top.
    const excluded = (delta.reasoning ?? 0) > (delta.output ?? 0) || (total !== null && (total.reasoning ?? 0) > (total.output ?? 0));
    const output = excluded && delta.output !== null ? delta.output + (delta.reasoning ?? 0) : delta.output;
    const modelRaw = str(info.model) ?? str(payload.model) ?? turnModel;
    const model = normaliseModel(modelRaw);
    const traceId = sessionId ?? fileStem(ctx.file);
    const tags: Record<string, unknown> = {};
    if (excluded) tags.reasoning_convention = 'excluded';
    if (counterReset) tags.counter_reset = true;
    if (cliVersion) tags.cli_version = cliVersion;
    yield {
      kind: 'event',
      line: rec.line,
      record: rec.record,
      event: makeEvent({
        dedupeKey: `${traceId}|${total?.total ?? occurredAt.toISOString()}`,
        occurredAt,
        vendor: 'openai',
        model,
        modelRaw,
        modelCreator: modelCreator(model),
        inputTokens: delta.input,
        cachedInputTokens: delta.cached,
        cacheWriteTokens: null, // Codex does not report cache writes
        outputTokens: output,
        reasoningTokens: delta.reasoning,
        project: lastPathSegment(sessionCwd) ?? lastPathSegment(turnCwd) ?? fileProject(ctx.file),
        traceId,
        tags: Object.keys(tags).length ? tags : null,
      }),
    };
  }
  const unrecognised = format.unrecognised(
    'no Codex log line in the file (expected lines {timestamp, type: session_meta | turn_context | event_msg | response_item, payload} as in ~/.codex/sessions/**/rollout-*.jsonl): is it another format?',
  );
  if (unrecognised) yield unrecognised;
}

export const codexSource: IngestSource = {
  id: 'codex',
  label: 'OpenAI Codex CLI session log (~/.codex/sessions/**/rollout-*.jsonl)',
  framings: ['jsonl'],
  detect: (first) => isCodexLine(first),
  parse: parseCodex,
};
