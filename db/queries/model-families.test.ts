/** Model families over real samples loaded through the real loader, on both databases: channels group, sums stay exact. */
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestFile } from '../../lib/ingest/load';
import { parseColumnMapping } from '../../lib/ingest/mapping';
import { FIXTURES } from '../../lib/ingest/openai-testing';
import { samplePath } from '../../test/samples';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { listDimensionValues, queryExplorer } from './explorer';
import { listFilterValues } from './explorer-filters';
import { listExplorerRequests } from './explorer-requests';
import { getFamilySummary } from './model-families';
import { getSummary } from './summary';

const FILES = [
  'anthropic/messages-cache-usage.vercel-ai.json', // claude-sonnet-4-5 from Anthropic
  'langfuse/claude-agent-2025-12-22.trace.json', // claude-sonnet-4-5-20250929 in Langfuse
  'claude-code/ccusage-fixture-project-alpha.chat.jsonl', // claude-sonnet-4-20250514, claude-opus-4-20250514 (Claude Code)
  'openrouter/responses-api-usage-cost.ai-sdk-provider.json', // anthropic/claude-sonnet-4 through OpenRouter
  'openrouter/activity.openapi-example.json', // openai/gpt-4.1 through OpenRouter
  'langfuse/openai-agents-2025-09-30.trace.json', // gpt-4.1-2025-04-14 in Langfuse
  'openai/responses-api-reasoning.vercel-ai.json', // gpt-5-mini-2025-08-07 from OpenAI
];

describe.each(testDatabases())('model families on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    for (const f of FILES) {
      const r = await ingestFile(conn, { file: f, input: createReadStream(samplePath(f)), fileMtime: new Date('2026-01-01T00:00:00Z') });
      expect(r.status, f).toBe('succeeded');
    }
    // Two stored ids of one model: Anthropic's claude-3-5-sonnet (a logged response) and OpenRouter's claude-3.5-sonnet
    // (our gateway CSV fixture, read through its column mapping).
    const body = { id: 'msg_fam1', type: 'message', model: 'claude-3-5-sonnet-20241022', usage: { input_tokens: 7, output_tokens: 3 } };
    const log = `${JSON.stringify({ timestamp: '2026-03-02T10:00:00Z', request_id: 'fam-1', response: body })}\n`;
    const a = await ingestFile(conn, { file: 'app.jsonl', input: Readable.from([Buffer.from(log)]), fileMtime: new Date() });
    expect(a.status).toBe('succeeded');
    const dir = path.join(FIXTURES, 'mapped-csv');
    const m = parseColumnMapping(readFileSync(path.join(dir, 'gateway-export.yaml'), 'utf8'));
    if (!m.ok) throw new Error('fixture mapping invalid');
    const csv = path.join(dir, 'gateway-export.csv');
    const g = await ingestFile(conn, { file: csv, input: createReadStream(csv), fileMtime: new Date(), mapping: m.mapping });
    expect(g.status).toBe('succeeded');
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('the same model from different vendors and snapshots is one family, raw ids kept', async () => {
    const families = await getFamilySummary(conn, {});
    const byId = new Map(families.map((f) => [f.model_family, f]));
    expect(byId.get('claude-sonnet-4-5')?.name).toBe('Claude Sonnet 4.5');
    // Claude Code's claude-sonnet-4-20250514 and OpenRouter's anthropic/claude-sonnet-4: one family.
    expect(byId.get('claude-sonnet-4-0')?.vendors).toEqual(['anthropic', 'openrouter']);
    // OpenRouter's openai/gpt-4.1 and Langfuse's gpt-4.1-2025-04-14 (billed by OpenAI).
    expect(byId.get('gpt-4.1')?.vendors).toEqual(['openai', 'openrouter']);
    expect(byId.has('gpt-5-mini')).toBe(true);
    expect(byId.get('claude-3-5-sonnet')?.models).toEqual(['claude-3-5-sonnet', 'claude-3.5-sonnet']);
    expect(byId.get('claude-3-5-sonnet')?.vendors).toEqual(['anthropic', 'openrouter']);
    const raw = await conn.query<{ model_raw: string }>('SELECT DISTINCT model_raw FROM usage_events');
    expect(raw.map((r) => r.model_raw)).toEqual(
      expect.arrayContaining(['anthropic/claude-sonnet-4', 'claude-sonnet-4-20250514', 'openai/gpt-4.1', 'gpt-4.1-2025-04-14']),
    );
  });

  test('the filter panel lists families and models apart (renamed models), as the per-dimension read does', async () => {
    const period = { from: '2000-01-01', to: '2100-12-31' };
    const all = await listFilterValues(conn, period);
    for (const dimension of ['model', 'model_family'] as const)
      expect(all[dimension], dimension).toEqual(await listDimensionValues(conn, { ...period, dimension }));
    expect(all.model_family.length).toBeLessThan(all.model.length);
  });

  test('family sums equal the per-model sums exactly', async () => {
    const s = await getSummary(conn, {});
    const fams = s.by_model_family;
    expect(fams.reduce((a, f) => a + f.requests, 0)).toBe(s.totals.requests);
    expect(fams.reduce((a, f) => a + f.input_tokens, 0)).toBe(s.totals.input_tokens);
    expect(fams.reduce((a, f) => a + f.output_tokens, 0)).toBe(s.totals.output_tokens);
    for (const f of fams) {
      const members = s.by_model.filter((m) => m.model && f.models.includes(m.model));
      expect(
        members.reduce((a, m) => a + m.requests, 0),
        f.model_family,
      ).toBe(f.requests);
    }
  });

  test('a date range filters by day', async () => {
    expect(await getFamilySummary(conn, { from: '2000-01-01', to: '2000-01-02' })).toEqual([]);
  });

  test('the explorer groups and filters by model family, the same from the rollup and from the events', async () => {
    const q = { from: '2000-01-01', to: '2100-12-31', groupBy: ['model_family'] as const, grain: null, pageSize: 100 };
    const rollup = await queryExplorer(conn, q);
    expect(rollup.source).toBe('usage_daily');
    const events = await queryExplorer(conn, { ...q, forceSource: 'usage_events' });
    expect(events.rows).toEqual(rollup.rows);
    const sonnet4 = rollup.rows.find((r) => r.keys.model_family === 'claude-sonnet-4-0');
    const families = await getFamilySummary(conn, {});
    expect(sonnet4?.requests).toBe(families.find((f) => f.model_family === 'claude-sonnet-4-0')?.requests);
    // Family × vendor: OpenRouter and Anthropic apart within the family.
    const byVendor = await queryExplorer(conn, { ...q, groupBy: ['model_family', 'vendor'] });
    expect(byVendor.rows.filter((r) => r.keys.model_family === 'claude-sonnet-4-0').map((r) => r.keys.vendor)).toEqual([
      'anthropic',
      'openrouter',
    ]);
    // A filter on the family, and the drill-down to its requests.
    const filtered = await queryExplorer(conn, { ...q, groupBy: ['model'], filters: { model_family: ['claude-3-5-sonnet'] } });
    expect(filtered.rows.map((r) => [r.keys.model, r.inputTokens])).toEqual([
      ['claude-3-5-sonnet', 7],
      ['claude-3.5-sonnet', 100],
    ]);
    const fam = rollup.rows.find((r) => r.keys.model_family === 'claude-3-5-sonnet');
    expect([fam?.events, fam?.inputTokens, fam?.outputTokens]).toEqual([2, 107, 53]);
    const reqs = await listExplorerRequests(conn, { from: q.from, to: q.to, filters: { model_family: ['claude-3-5-sonnet'] } });
    expect(reqs.rows.map((r) => r.vendor).sort()).toEqual(['anthropic', 'openrouter']);
    // OpenRouter bills, Anthropic made the model, an upstream provider served it: three fields (issue 3).
    const viaOpenRouter = reqs.rows.find((r) => r.vendor === 'openrouter');
    expect([viaOpenRouter?.modelCreator, viaOpenRouter?.servedBy === null ? 'absent' : 'present']).toEqual(['anthropic', 'absent']);
    const activity = await listExplorerRequests(conn, { from: '2025-08-24', to: '2025-08-24', filters: { vendor: ['openrouter'] } });
    expect(activity.rows.map((r) => [r.vendor, r.modelCreator, r.servedBy])).toEqual([['openrouter', 'openai', 'OpenAI']]);
  });
});
