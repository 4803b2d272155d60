/** Model families over real samples loaded through the real loader, on both databases: channels group, sums stay exact. */
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestFile } from '../../lib/ingest/load';
import { samplePath } from '../../test/samples';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
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
    const raw = await conn.query<{ model_raw: string }>('SELECT DISTINCT model_raw FROM usage_events');
    expect(raw.map((r) => r.model_raw)).toEqual(
      expect.arrayContaining(['anthropic/claude-sonnet-4', 'claude-sonnet-4-20250514', 'openai/gpt-4.1', 'gpt-4.1-2025-04-14']),
    );
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
});
