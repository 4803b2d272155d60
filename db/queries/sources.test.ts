/**
 * The OpenRouter, Helicone and OpenTelemetry fixtures through the loader on both databases: every parsed event is
 * stored once, the summary equals the parser's own sums and a recomputation from usage_events, and a second load
 * adds nothing.
 */
import { createReadStream, readdirSync } from 'node:fs';
import path from 'node:path';
import DecimalBase from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestFile } from '../../lib/ingest/load';
import { FIXTURES, ingestFile as parseFile } from '../../lib/ingest/openai-testing';
import type { UsageEvent } from '../../lib/ingest/types';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getSummary } from './summary';

const Decimal = DecimalBase.clone({ precision: 50 });
const FILES = ['openrouter', 'helicone', 'otel-genai'].flatMap((d) =>
  readdirSync(path.join(FIXTURES, d)).map((f) => path.join(FIXTURES, d, f)),
);
const MTIME = new Date('2026-01-01T00:00:00Z');

const sumTokens = (
  events: UsageEvent[],
  k: 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'reasoningTokens',
) => events.reduce((a, e) => a + (e[k] ?? 0), 0);
const sumMoney = (events: UsageEvent[], k: 'billedCostUsd' | 'reportedCostUsd') =>
  events.reduce((a, e) => (e[k] === null ? a : a.plus(e[k]!)), new Decimal(0)).toFixed();

describe.each(testDatabases())('new sources into $name', (tdb) => {
  let conn: Connection;
  const parsed: UsageEvent[] = [];
  beforeAll(async () => {
    conn = await tdb.open();
    for (const f of FILES) parsed.push(...(await parseFile(f)).events);
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test.each(FILES.map((f) => [path.relative(FIXTURES, f), f]))('%s loads every record once', async (_name, f) => {
    const expected = (await parseFile(f)).events.length;
    const r = await ingestFile(conn, { file: f, input: createReadStream(f), fileMtime: MTIME });
    expect(r.issues).toEqual([]);
    expect(r.status).toBe('succeeded');
    expect(r.rowsInserted).toBe(expected);
  });

  test('summary totals equal the parsed events and a recomputation from usage_events', async () => {
    const { totals } = await getSummary(conn, {});
    expect(totals).toMatchObject({
      input_tokens: sumTokens(parsed, 'inputTokens'),
      output_tokens: sumTokens(parsed, 'outputTokens'),
      cached_input_tokens: sumTokens(parsed, 'cachedInputTokens'),
      cache_write_tokens: sumTokens(parsed, 'cacheWriteTokens'),
      reasoning_tokens: sumTokens(parsed, 'reasoningTokens'),
      billed_cost_usd: sumMoney(parsed, 'billedCostUsd'),
      reported_cost_usd: sumMoney(parsed, 'reportedCostUsd'),
    });
    const [raw] = await conn.query<{ billed: string; reported: string; list: string | null; events: string | number }>(
      `SELECT sum(billed_cost_usd)::text AS billed, sum(reported_cost_usd)::text AS reported, sum(list_cost_usd)::text AS list,
              count(*) AS events FROM usage_events`,
    );
    const [roll] = await conn.query<{ billed: string; reported: string; list: string | null; events: string | number }>(
      `SELECT sum(billed_cost_usd)::text AS billed, sum(reported_cost_usd)::text AS reported, sum(list_cost_usd)::text AS list,
              sum(events)::text AS events FROM usage_daily`,
    );
    expect(Number(raw.events)).toBe(parsed.length);
    expect(String(roll.events)).toBe(String(raw.events));
    expect(new Decimal(roll.billed).eq(raw.billed)).toBe(true);
    expect(new Decimal(roll.reported).eq(raw.reported)).toBe(true);
    expect(new Decimal(roll.list ?? 0).eq(raw.list ?? 0)).toBe(true);
    // Vendor, creator and serving provider stay apart for OpenRouter rows.
    const rows = await conn.query<{ vendor: string; model_creator: string; served_by: string }>(
      `SELECT DISTINCT vendor, model_creator, tags->>'served_by' AS served_by FROM usage_events
        WHERE source = 'openrouter' AND model = 'claude-sonnet-4.5' ORDER BY 1, 2, 3`,
    );
    expect(rows).toEqual([{ vendor: 'openrouter', model_creator: 'anthropic', served_by: 'Google' }]);
  });

  test('loading every file again adds nothing', async () => {
    const before = await getSummary(conn, {});
    for (const f of FILES) {
      const r = await ingestFile(conn, { file: f, input: createReadStream(f), fileMtime: MTIME });
      expect(r.rowsInserted).toBe(0);
    }
    expect(await getSummary(conn, {})).toEqual(before);
  });
});
