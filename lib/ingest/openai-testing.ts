/** Test helpers for the OpenAI and response-log tests: run files or text through the whole pipeline. */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type ParseOptions, parseInput } from './pipeline';
import type { CostLine, IngestIssue, ParsedItem, UsageEvent } from './types';

export const FIXTURES = path.resolve(import.meta.dirname, '__fixtures__');
/** A fixed mtime so records without a time land on a known instant. */
export const MTIME = new Date('2026-01-01T00:00:00Z');

export interface Ingested {
  source: string;
  framing: string;
  items: ParsedItem[];
  events: UsageEvent[];
  costs: CostLine[];
  issues: IngestIssue[];
}

async function collect(input: AsyncIterable<Buffer>, opts: ParseOptions): Promise<Ingested> {
  const parsed = await parseInput(input, opts);
  const items: ParsedItem[] = [];
  for await (const i of parsed.items) items.push(i);
  return {
    source: parsed.source.id,
    framing: parsed.framing,
    items,
    events: items.flatMap((i) => (i.kind === 'event' ? [i.event] : [])),
    costs: items.flatMap((i) => (i.kind === 'cost' ? [i.cost] : [])),
    issues: items.flatMap((i) => (i.kind === 'issue' ? [i.issue] : [])),
  };
}

export function ingestFile(file: string, opts: Partial<ParseOptions> = {}): Promise<Ingested> {
  return collect(fs.createReadStream(file), { file, fileMtime: MTIME, ...opts });
}

export function ingestText(text: string, file: string, opts: Partial<ParseOptions> = {}): Promise<Ingested> {
  return collect(Readable.from([Buffer.from(text)]), { file, fileMtime: MTIME, ...opts });
}

/** Sum of a token field, null-safe (null counts as 0 here: totals in tests are of known values). */
export function total(
  events: UsageEvent[],
  f: 'inputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'outputTokens' | 'reasoningTokens' | 'requestCount',
) {
  return events.reduce((s, e) => s + (e[f] ?? 0), 0);
}
