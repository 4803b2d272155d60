/**
 * Test fixtures: usage events written straight into usage_events (priced by lib/pricing unless a cost
 * is given), then the usage_daily days they touch rebuilt by the loader's own rollup SQL, so rollup
 * and events agree exactly as after a real ingest. For query tests only.
 */
import { randomBytes } from 'node:crypto';
import { listCost } from '../../lib/pricing';
import type { Connection } from '../client';
import { usageEvents } from '../schema';
import { rebuildRollupDays } from './rollup';

export interface FixtureEvent {
  /** ISO instant (UTC). */
  at: string;
  vendor: string;
  model: string | null;
  source?: string;
  workflow?: string | null;
  project?: string | null;
  team?: string | null;
  environment?: string | null;
  apiKey?: string | null;
  userId?: string | null;
  input?: number;
  cached?: number;
  cacheWrite?: number;
  output?: number;
  /** null = not reported. */
  reasoning?: number | null;
  /** Default: the catalog list cost of the tokens (null when the model is unknown). */
  listCostUsd?: string | null;
  billedCostUsd?: string | null;
  /** > 0 for a bucket (usage API) row. */
  periodSeconds?: number;
}

export async function insertFixtureEvents(conn: Connection, events: FixtureEvent[]): Promise<void> {
  if (events.length === 0) return;
  const tag = randomBytes(4).toString('hex');
  const rows = events.map((e, i) => {
    const occurredAt = new Date(e.at);
    const priced = listCost(
      {
        vendor: e.vendor,
        model: e.model,
        modelRaw: e.model,
        occurredAt,
        periodSeconds: e.periodSeconds ?? 0,
        inputTokens: e.input ?? 0,
        cachedInputTokens: e.cached ?? 0,
        cacheWriteTokens: e.cacheWrite ?? 0,
        outputTokens: e.output ?? 0,
      },
      [],
    );
    return {
      dedupeKey: `fixture:${tag}:${i}`,
      occurredAt,
      periodSeconds: e.periodSeconds ?? 0,
      requestCount: 1,
      vendor: e.vendor,
      model: e.model,
      modelRaw: e.model,
      inputTokens: e.input ?? 0,
      cachedInputTokens: e.cached ?? 0,
      cacheWriteTokens: e.cacheWrite ?? 0,
      outputTokens: e.output ?? 0,
      reasoningTokens: e.reasoning === undefined ? 0 : e.reasoning,
      listCostUsd: e.listCostUsd === undefined ? priced.costUsd : e.listCostUsd,
      outputPricePerMtokUsd: priced.outputPerMtokUsd,
      priceSource: priced.priceSource,
      billedCostUsd: e.billedCostUsd ?? null,
      project: e.project ?? null,
      apiKey: e.apiKey ?? null,
      userId: e.userId ?? null,
      team: e.team ?? null,
      workflow: e.workflow ?? null,
      environment: e.environment ?? null,
      source: e.source ?? 'response_log',
    };
  });
  await conn.db.insert(usageEvents).values(rows);
  const days = rows.map((r) => r.occurredAt.toISOString().slice(0, 10)).sort();
  await conn.transaction((tx) => rebuildRollupDays(tx, days[0], days[days.length - 1]));
}
