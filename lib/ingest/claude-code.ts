/**
 * Claude Code session logs (FORMATS.md 2d): ~/.claude/projects/<encoded-cwd>/<sessionId>.jsonl, one JSON object
 * per line. Usage lines are assistant lines whose `message` is an Anthropic Messages body (tokens as in 2a,
 * converted by mapAnthropicUsage). Claude Code writes one line per content block and every line repeats the
 * message's full usage, so each (message.id, requestId) is counted once.
 */

import { mapAnthropicUsage } from './anthropic';
import { IssueSink, isObj, money, type Obj, str, timestamp } from './fields';
import { modelCreator, normaliseModel } from './models';
import {
  FormatRecognition,
  type FramedRecord,
  type IngestSource,
  makeEvent,
  type ParseContext,
  type ParsedItem,
  type UsageEvent,
} from './types';

/** Last segment of a POSIX or Windows path ("e:\\src\\app" -> "app"); null when there is none. */
export function lastPathSegment(p: string | null | undefined): string | null {
  if (!p) return null;
  const parts = p.split(/[\\/]+/).filter(Boolean);
  const last = parts[parts.length - 1];
  return last && !/^[a-z]:$/i.test(last) ? last : null;
}

/** Name of the folder holding a file, or null when the path has no folder part. */
export function folderOf(file: string, levelsUp = 1): string | null {
  const parts = file.split(/[\\/]+/).filter(Boolean);
  return parts.length > levelsUp ? (lastPathSegment(parts.slice(0, parts.length - levelsUp).join('/')) ?? null) : null;
}

/** File name without folder and extension (Claude Code and Codex name session files after the session). */
export function fileStem(file: string): string {
  const base = lastPathSegment(file) ?? file;
  return base.replace(/\.jsonl(\.gz)?$|\.json$/i, '') || base;
}

/** Lines Claude Code writes besides usage lines; seeing one of them first is enough to recognise a session log. */
const LINE_TYPES = new Set(['user', 'assistant', 'system', 'summary', 'progress', 'file-history-snapshot', 'queue-operation']);

function isClaudeCodeLine(v: unknown): boolean {
  if (!isObj(v)) return false;
  // The minimal ccusage shape has no `type`: a Messages usage object plus requestId or sessionId.
  if (isObj(v.message) && isObj(v.message.usage) && (typeof v.requestId === 'string' || typeof v.sessionId === 'string')) return true;
  if (typeof v.type !== 'string' || !LINE_TYPES.has(v.type)) return false;
  if (v.type === 'summary') return 'leafUuid' in v;
  if (v.type === 'file-history-snapshot') return 'messageId' in v || 'snapshot' in v;
  return typeof v.sessionId === 'string' && ('uuid' in v || 'isSidechain' in v || v.type === 'queue-operation');
}

/** The assistant line carrying usage: the line itself, or the `data.message` of an agent progress line. */
function usageLine(v: Obj): { line: Obj; message: Obj; usage: Obj; progress: boolean } | null {
  const pick = (line: Obj, progress: boolean) =>
    isObj(line.message) && isObj(line.message.usage) && (line.type === undefined || line.type === 'assistant')
      ? { line, message: line.message, usage: line.message.usage, progress }
      : null;
  if (v.type === 'progress' && isObj(v.data) && isObj(v.data.message)) return pick(v.data.message, true);
  return pick(v, false);
}

/** Tokens counted for "which copy of a repeated message is the complete one" (later copies carry the final output). */
function totalTokens(e: UsageEvent): number {
  return (e.inputTokens ?? 0) + (e.outputTokens ?? 0);
}

interface Open {
  item: { kind: 'event'; event: UsageEvent; line?: number; record?: number };
  toolIds: Set<string>;
}

/** Most messages still open for merging; repeats arriving after their message was flushed are plain duplicates. */
const OPEN_WINDOW = 64;

function mergeTools(open: Open, content: unknown, lineNo: number | undefined): void {
  if (!Array.isArray(content)) return;
  for (const [i, b] of content.entries()) if (isObj(b) && b.type === 'tool_use') open.toolIds.add(str(b.id) ?? `${lineNo ?? 0}:${i}`);
  open.item.event.toolCalls = open.toolIds.size;
}

async function* parseClaudeCode(records: AsyncIterable<FramedRecord>, ctx: ParseContext): AsyncIterable<ParsedItem> {
  const seen = new Set<string>();
  const seenMessageIds = new Set<string>();
  const open = new Map<string, Open>();
  // Sub-agent transcripts live in <session>/subagents/: the project folder is two levels further up.
  const parentFolder = folderOf(ctx.file);
  const fileProject = parentFolder === 'subagents' ? folderOf(ctx.file, 3) : parentFolder;

  // A file with no Claude Code line at all is another format (e.g. forced with --source): say so rather than load nothing.
  const format = new FormatRecognition();
  for await (const rec of records) {
    const where = { file: ctx.file, line: rec.line, record: rec.record };
    if (!isObj(rec.value)) {
      format.see(where, false);
      yield { kind: 'issue', issue: { ...where, message: `expected a Claude Code log object, got ${JSON.stringify(rec.value)}` } };
      continue;
    }
    const v = rec.value;
    const u = usageLine(v);
    format.see(where, u !== null || isClaudeCodeLine(v));
    // User, summary, system lines, API error placeholders and synthetic (non-API) messages carry no billed usage.
    if (!u || v.isApiErrorMessage === true || u.line.isApiErrorMessage === true || u.message.model === '<synthetic>') continue;
    const sink = new IssueSink(where);
    const ts = u.line.timestamp ?? v.timestamp;
    const occurredAt = timestamp(ts, 'timestamp', sink);
    if (!occurredAt && (ts === undefined || ts === null)) sink.add('timestamp', 'expected an ISO-8601 timestamp on a usage line');
    const t = mapAnthropicUsage(u.usage, sink, 'message.usage');
    const cost = money(u.line.costUSD ?? v.costUSD, 'costUSD', sink);
    if (!sink.ok || !occurredAt) {
      for (const issue of sink.issues) yield { kind: 'issue', issue };
      continue;
    }
    const messageId = str(u.message.id);
    const requestId = str(u.line.requestId) ?? str(v.requestId);
    const sessionId = str(v.sessionId) ?? str(u.line.sessionId);
    const isSidechain = typeof v.isSidechain === 'boolean' ? v.isSidechain : null;
    const traceId = sessionId ?? fileStem(ctx.file);
    const key = messageId ? `${messageId}|${requestId ?? ''}` : `${traceId}|${occurredAt.toISOString()}`;
    const modelRaw = str(u.message.model);
    const model = normaliseModel(modelRaw);
    const event: UsageEvent = makeEvent({
      dedupeKey: key,
      occurredAt,
      vendor: 'anthropic',
      model,
      modelRaw,
      modelCreator: modelCreator(model),
      inputTokens: t.inputTokens,
      cachedInputTokens: t.cachedInputTokens,
      cacheWriteTokens: t.cacheWriteTokens,
      outputTokens: t.outputTokens,
      reasoningTokens: t.reasoningTokens,
      // costUSD is Claude Code's own estimate from its price table: reported, never billed.
      reportedCostUsd: cost,
      reportedBy: cost === null ? null : 'claude_code',
      requestId,
      project: lastPathSegment(str(v.cwd)) ?? fileProject,
      traceId,
      tags: tagsOf(t.tags, v, isSidechain, u.progress),
    });

    const current = open.get(key);
    if (current) {
      // A later copy of the same message: keep the most complete usage (output grows while streaming).
      yield { kind: 'duplicate', line: rec.line, record: rec.record };
      const kept = current.item.event;
      if (totalTokens(event) > totalTokens(kept)) current.item.event = { ...event, occurredAt: kept.occurredAt, toolCalls: kept.toolCalls };
      mergeTools(current, u.message.content, rec.line);
      continue;
    }
    // Already flushed, or a sidechain replay of a parent message under a new requestId (ccusage #913).
    if (seen.has(key) || (isSidechain === true && messageId !== null && seenMessageIds.has(messageId))) {
      yield { kind: 'duplicate', line: rec.line, record: rec.record };
      continue;
    }
    seen.add(key);
    if (messageId) seenMessageIds.add(messageId);
    const entry: Open = { item: { kind: 'event', event, line: rec.line, record: rec.record }, toolIds: new Set() };
    mergeTools(entry, u.message.content, rec.line);
    open.set(key, entry);
    if (open.size > OPEN_WINDOW) {
      const [oldestKey, oldest] = open.entries().next().value as [string, Open];
      open.delete(oldestKey);
      yield oldest.item;
    }
  }
  for (const o of open.values()) yield o.item;
  const unrecognised = format.unrecognised(
    'no Claude Code log line in the file (expected lines {type, sessionId, uuid, message: {usage}} as in ~/.claude/projects/*/*.jsonl): is it another format?',
  );
  if (unrecognised) yield unrecognised;
}

function tagsOf(
  usageTags: Record<string, unknown>,
  v: Obj,
  isSidechain: boolean | null,
  progress: boolean,
): Record<string, unknown> | null {
  const tags: Record<string, unknown> = { ...usageTags };
  if (isSidechain !== null) tags.isSidechain = isSidechain;
  for (const k of ['gitBranch', 'version'] as const) {
    const s = str(v[k]);
    if (s !== null) tags[k] = s;
  }
  const agentId = str(v.agentId) ?? (isObj(v.data) ? str(v.data.agentId) : null);
  if (agentId !== null) tags.agentId = agentId;
  if (progress) tags.agentProgress = true;
  return Object.keys(tags).length ? tags : null;
}

export const claudeCodeSource: IngestSource = {
  id: 'claude_code',
  label: 'Claude Code session log (~/.claude/projects/*/*.jsonl)',
  framings: ['jsonl'],
  detect: (first) => isClaudeCodeLine(first),
  parse: parseClaudeCode,
};
