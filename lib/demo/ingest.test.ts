/** Every generated file goes through the real ingest pipeline (lib/ingest/pipeline.ts) without a single issue. */
import { Readable } from 'node:stream';
import { expect, test } from 'vitest';
import { parseInput } from '../ingest/pipeline';
import { listSources } from '../ingest/registry';
import type { UsageEvent } from '../ingest/types';
import { DEMO_PLAN } from './generate';
import { demoFiles } from './testing';

// While a parser is still a placeholder (label "stub"), this test cannot run; it runs as soon as they all land.
const stubbed = listSources().some((s) => s.label === 'stub');

test.skipIf(stubbed)('every generated file parses through parseInput with zero issues, detected as its documented source', async () => {
  const totals = { events: 0, costs: 0, duplicates: 0 };
  const byWorkflow = new Map<string, UsageEvent[]>();
  for (const f of demoFiles(11, 0.05)) {
    const folder = DEMO_PLAN.folders.find((d) => d.pattern.test(f.path))!;
    if (folder.source === null) continue;
    const parsed = await parseInput(Readable.from([Buffer.from(f.content)]), { file: f.path, fileMtime: new Date(0) });
    expect(parsed.source.id, f.path).toBe(folder.source);
    const issues: string[] = [];
    let events = 0;
    for await (const item of parsed.items) {
      if (item.kind === 'issue') issues.push(`${item.issue.field ?? ''} ${item.issue.message}`);
      else if (item.kind === 'cost') totals.costs++;
      else if (item.kind === 'duplicate') totals.duplicates++;
      else if (item.kind === 'event') {
        events++;
        expect(item.event.timeInferred, f.path).toBe(false);
        const wf = item.event.workflow;
        if (wf) byWorkflow.set(wf, [...(byWorkflow.get(wf) ?? []), item.event]);
      }
    }
    expect(issues, f.path).toEqual([]);
    if (f.events > 0) expect(events, f.path).toBeGreaterThanOrEqual(f.events);
    totals.events += events;
  }
  expect(totals.events).toBeGreaterThan(0);
  expect(totals.costs).toBeGreaterThan(0);
  expect(totals.duplicates).toBeGreaterThan(0);
  // The conventions survive normalisation: xAI output includes its reasoning, Anthropic input includes the cache.
  const agent = byWorkflow.get('incident-agent') ?? [];
  expect(agent.length).toBeGreaterThan(0);
  for (const e of agent) {
    expect(e.vendor).toBe('xai');
    expect(e.reasoningTokens).not.toBeNull();
    expect(e.outputTokens! - e.reasoningTokens!).toBeGreaterThan(0);
    expect(e.billedCostUsd).not.toBeNull();
  }
  for (const e of byWorkflow.get('proof-check') ?? [])
    expect(e.inputTokens!).toBeGreaterThanOrEqual((e.cachedInputTokens ?? 0) + (e.cacheWriteTokens ?? 0));
});
