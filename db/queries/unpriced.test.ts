/** Unpriced models listed against data loaded through the real loader, then priced by the command the list suggests. */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setPriceOverride } from '../../cli/prices';
import { ingestFile } from '../../lib/ingest/load';
import { samplePath } from '../../test/samples';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getSummary } from './summary';
import { listUnpricedModels, priceCommand, unpricedHint } from './unpriced';

const line = (at: string, id: string, model: string, input: number, output: number) =>
  JSON.stringify({
    timestamp: at,
    request_id: id,
    response: {
      id,
      object: 'chat.completion',
      model,
      usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
    },
  });

const LOG = [
  line('2026-03-01T10:00:00Z', 'r1', 'acme-internal-7b', 100, 20),
  line('2026-03-03T12:30:00Z', 'r2', 'acme-internal-7b', 50, 5),
  line('2026-03-02T09:00:00Z', 'r3', 'gpt-4o-mini-2024-07-18', 1000, 100),
].join('\n');

describe.each(testDatabases())('unpriced models on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('nothing loaded: nothing listed', async () => {
    expect(await listUnpricedModels(conn)).toEqual([]);
  });

  test('lists each unpriced model with requests, tokens, first and last seen and sources', async () => {
    const a = await ingestFile(conn, { file: 'app.jsonl', input: Readable.from([Buffer.from(LOG)]), fileMtime: new Date() });
    expect(a.status).toBe('succeeded');
    const g = 'openrouter/generation.openapi-example.json';
    expect((await ingestFile(conn, { file: g, input: createReadStream(samplePath(g)), fileMtime: new Date() })).status).toBe('succeeded');
    const list = await listUnpricedModels(conn);
    expect(list.map((m) => `${m.vendor}/${m.model}`)).toEqual(['openai/acme-internal-7b', 'openrouter/l3-stheno-8b']);
    expect(list[0]).toMatchObject({
      modelsRaw: ['acme-internal-7b'],
      requests: 2,
      events: 2,
      inputTokens: 150,
      outputTokens: 25,
      firstSeen: '2026-03-01T10:00:00Z',
      lastSeen: '2026-03-03T12:30:00Z',
      sources: ['response_log'],
      fix: 'npx itemized prices set --model acme-internal-7b --vendor openai --from 2026-03-01 --input USD --output USD',
    });
    expect(list[1]).toMatchObject({
      modelsRaw: ['sao10k/l3-stheno-8b'],
      requests: 1,
      inputTokens: 10,
      outputTokens: 25,
      sources: ['openrouter'],
    });
    // The priced model (gpt-4o-mini) is not listed; summary --json carries the same list.
    const json = (await getSummary(conn, {})).unpriced_models;
    expect(json.map((m) => [m.vendor, m.model, m.requests, m.input_tokens, m.first_seen, m.last_seen, m.fix])).toEqual(
      list.map((m) => [m.vendor, m.model, m.requests, m.inputTokens, m.firstSeen, m.lastSeen, m.fix]),
    );
  });

  test('the suggested override prices the model: it leaves the list', async () => {
    await setPriceOverride(conn, {
      vendor: 'openai',
      model: 'acme-internal-7b',
      effectiveFrom: new Date('2026-03-01T00:00:00Z'),
      effectiveTo: null,
      inputPerMtokUsd: '1',
      outputPerMtokUsd: '2',
      cachedInputPerMtokUsd: null,
      cacheWritePerMtokUsd: null,
      note: null,
    });
    expect((await listUnpricedModels(conn)).map((m) => m.model)).toEqual(['l3-stheno-8b']);
  });

  test('the command quotes what a shell would split', () => {
    expect(priceCommand("o'brien model", 'acme', '2026-01-01')).toBe(
      "npx itemized prices set --model 'o'\\''brien model' --vendor acme --from 2026-01-01 --input USD --output USD",
    );
  });
});

test('usage with no model named gets a hint on how to get one priced; a known or unknown model id does not', () => {
  expect(unpricedHint(null)).toMatch(/^no model is named, so no price can apply: export the usage again grouped by model/);
  expect(unpricedHint('no-such-model-xyz')).toBeNull();
});
