/** Price overrides win: retroactively (repricing + rollup rebuild) and for later ingests, on both databases. */
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../db/client';
import { getSummary } from '../db/queries/summary';
import { testDatabases } from '../db/testing';
import { ingestFile } from '../lib/ingest/load';
import { samplePath } from '../test/samples';
import { setPriceOverride } from './prices';

const ingest = (conn: Connection, rel: string) =>
  ingestFile(conn, { file: rel, input: createReadStream(samplePath(rel)), fileMtime: new Date('2026-01-01T00:00:00Z') });

const override = (model: string, input: string, output: string, from = '2025-01-01') => ({
  vendor: null,
  model,
  effectiveFrom: new Date(`${from}T00:00:00Z`),
  effectiveTo: null,
  inputPerMtokUsd: input,
  outputPerMtokUsd: output,
  cachedInputPerMtokUsd: null,
  cacheWritePerMtokUsd: null,
  note: 'contract',
});

describe.each(testDatabases())('price overrides on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('an override added later reprices covered events and their rollup days', async () => {
    await ingest(conn, 'openai/responses-api-reasoning.vercel-ai.json');
    // Catalog: 865 x $0.25 + 163 x $2 per MTok.
    expect((await getSummary(conn, {})).totals.list_cost_usd).toBe('0.00054225');
    const r = await setPriceOverride(conn, override('gpt-5-mini', '0.2', '1'));
    expect(r.repriced).toBe(1);
    // Override: 865 x $0.2 + 163 x $1 per MTok = 0.000173 + 0.000163.
    expect((await getSummary(conn, {})).totals.list_cost_usd).toBe('0.000336');
    const [ev] = await conn.query<{ price_source: string }>("SELECT price_source FROM usage_events WHERE model = 'gpt-5-mini'");
    expect(ev.price_source).toBe('override');
  });

  test('an override that starts after the event leaves it at list price; later ingests use overrides', async () => {
    const r = await setPriceOverride(conn, override('claude-opus-5', '1', '1', '2030-01-01'));
    expect(r.repriced).toBe(0);
    await setPriceOverride(conn, override('gpt-4.1-nano', '1', '10'));
    await ingest(conn, 'openai/chat-completion-usage-details.vercel-ai.json');
    const [ev] = await conn.query<{ list_cost_usd: string; price_source: string }>(
      "SELECT list_cost_usd::text, price_source FROM usage_events WHERE model = 'gpt-4.1-nano'",
    );
    // 16 x $1 + 363 x $10 per MTok = 0.003646
    expect(ev).toEqual({ list_cost_usd: '0.0036460000', price_source: 'override' });
  });

  test('a correction on the same date wins over the earlier override', async () => {
    await setPriceOverride(conn, override('gpt-5-mini', '0.1', '0.5'));
    // 865 x $0.1 + 163 x $0.5 per MTok = 0.0000865 + 0.0000815
    const [ev] = await conn.query<{ list_cost_usd: string }>("SELECT list_cost_usd::text FROM usage_events WHERE model = 'gpt-5-mini'");
    expect(ev.list_cost_usd).toBe('0.0001680000');
  });
});

describe('override corrections and cache defaults', () => {
  test('cache prices not given follow the catalog ratio (Sonnet 4.5: reads 0.1x, writes 1.25x input)', async () => {
    const { withCatalogCacheRatios } = await import('./prices');
    const { override } = withCatalogCacheRatios({ ...override_('claude-sonnet-4-5', '1.5', '7.5'), vendor: 'anthropic' });
    expect(override.cachedInputPerMtokUsd).toBe('0.15');
    expect(override.cacheWritePerMtokUsd).toBe('1.875');
  });
});

function override_(model: string, input: string, output: string) {
  return {
    vendor: null,
    model,
    effectiveFrom: new Date('2025-01-01T00:00:00Z'),
    effectiveTo: null,
    inputPerMtokUsd: input,
    outputPerMtokUsd: output,
    cachedInputPerMtokUsd: null,
    cacheWritePerMtokUsd: null,
    note: null,
  };
}
