/** `itemized audit --json` prints snake_case keys like `summary --json`, with the workflows it found. */
import { createReadStream } from 'node:fs';
import { expect, test } from 'vitest';
import { openConnection } from '../db/client';
import { ingestFile } from '../lib/ingest/load';
import { samplePath } from '../test/samples';
import { runAudit, snakeKeys } from './audit';

test('snakeKeys renames nested keys and leaves values alone', () => {
  expect(snakeKeys({ capTokens: 5, byModel: [{ savingsUsd: '0.1', model: 'gpt-5' }], kneeBin: null })).toEqual({
    cap_tokens: 5,
    by_model: [{ savings_usd: '0.1', model: 'gpt-5' }],
    knee_bin: null,
  });
});

test('audit --json on real samples: snake_case throughout, covering the days with data', async () => {
  const conn = await openConnection({ inMemory: true });
  try {
    for (const rel of ['claude-code/ccusage-fixture-project-alpha.chat.jsonl', 'openai/responses-api-reasoning.vercel-ai.json']) {
      const p = samplePath(rel);
      await ingestFile(conn, { file: p, input: createReadStream(p), fileMtime: new Date('2026-01-01T00:00:00Z') });
    }
    let printed = '';
    const json = (await runAudit(conn, {}, (s) => {
      printed += s;
    })) as Record<string, unknown>;
    expect(JSON.parse(printed)).toEqual(json);
    const keys: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.push(k);
          walk(x);
        }
    };
    walk(json);
    expect(keys.filter((k) => /[A-Z]/.test(k))).toEqual([]);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['range', 'totals', 'workflows', 'loops']));
    expect(json.range).toEqual({ from: '2025-12-13', to: '2026-01-10' });
  } finally {
    await conn.close();
  }
});
