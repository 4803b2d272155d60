/** Flat-rate plans for a period: plan cost (prorated by days) against the API-equivalent cost of the usage each covers. */
import { analyseSubscriptions, type SubscriptionReport } from '../../lib/analysis/subscriptions';
import type { Connection } from '../client';
import { getBaselineLines } from './baseline';
import { getConfig } from './config';

export type { SubscriptionReport } from '../../lib/analysis/subscriptions';

/** One report per declared subscription, in declared order. `period`: first and last UTC day, inclusive. */
export async function loadSubscriptions(conn: Connection, period: { from: string; to: string }): Promise<SubscriptionReport[]> {
  const config = await getConfig(conn.db);
  if (config.subscriptions.length === 0) return [];
  const lines = await getBaselineLines(conn, config, { ...period, grain: 'month' });
  return analyseSubscriptions(lines, config.subscriptions, period.from, period.to);
}
