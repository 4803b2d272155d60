/** OpenRouter replies read as response bodies: OpenRouter bills (usage.cost), the model's maker stays the creator. */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parseInput } from './pipeline';

test('the real OpenRouter Responses sample: vendor openrouter, creator anthropic, billed 0.003837', async () => {
  const p = path.resolve(import.meta.dirname, '../../../shared/samples/openrouter/responses-api-usage-cost.ai-sdk-provider.json');
  const parsed = await parseInput(createReadStream(p), { file: p, fileMtime: new Date('2026-01-01T00:00:00Z') });
  const items = [];
  for await (const i of parsed.items) items.push(i);
  expect(parsed.source.id).toBe('response_log');
  expect(items).toHaveLength(1);
  const item = items[0];
  if (item.kind !== 'event') throw new Error(JSON.stringify(item));
  expect(item.event).toMatchObject({
    vendor: 'openrouter',
    model: 'claude-sonnet-4',
    modelCreator: 'anthropic',
    inputTokens: 49,
    outputTokens: 246,
    reasoningTokens: 0,
    billedCostUsd: '0.003837',
  });
  expect(item.event.tags).toMatchObject({ is_byok: false });
});
