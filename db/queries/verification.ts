/**
 * Rollup-only audit figures (usage_daily): hidden reasoning spend (reasoning tokens x the event's
 * output price, summed at ingest), unverified spend (list cost of events with no outcome signal) and
 * cost per verified success (list cost / successful outcomes). Cheap enough for the overview.
 * Money is exact decimal text (null = no known amount); counts are numbers.
 */
import { and, asc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { usageDaily } from '../schema';
import type { UsagePeriod } from './overview';

const usdSum = (col: AnyPgColumn) => sql<string | null>`trim_scale(sum(${col}))::text`;
const intSum = (col: AnyPgColumn) => sql<number>`coalesce(sum(${col}), 0)`.mapWith(Number);

function where(p: UsagePeriod): SQL | undefined {
  const c: SQL[] = [gte(usageDaily.day, p.from), lte(usageDaily.day, p.to)];
  if (p.vendor) c.push(eq(usageDaily.vendor, p.vendor));
  if (p.team) c.push(eq(usageDaily.team, p.team));
  if (p.workflow) c.push(eq(usageDaily.workflow, p.workflow));
  return and(...c);
}

const sums = {
  events: intSum(usageDaily.events),
  requests: intSum(usageDaily.requests),
  outputTokens: intSum(usageDaily.outputTokens),
  reasoningTokens: intSum(usageDaily.reasoningTokens),
  reasoningKnownOutputTokens: intSum(usageDaily.reasoningKnownOutputTokens),
  listCostUsd: usdSum(usageDaily.listCostUsd),
  reasoningListCostUsd: usdSum(usageDaily.reasoningListCostUsd),
  unverifiedListCostUsd: usdSum(usageDaily.unverifiedListCostUsd),
  successListCostUsd: usdSum(usageDaily.successListCostUsd),
  outcomeEvents: intSum(usageDaily.outcomeEvents),
  successEvents: intSum(usageDaily.successEvents),
};

export interface AuditSums {
  events: number;
  requests: number;
  outputTokens: number;
  /** Measured reasoning tokens (events that report reasoning). */
  reasoningTokens: number;
  reasoningKnownOutputTokens: number;
  listCostUsd: string | null;
  /** Measured hidden reasoning spend at list output price. */
  reasoningListCostUsd: string | null;
  /** List cost of events with no outcome signal. */
  unverifiedListCostUsd: string | null;
  /** List cost of events whose outcome is success. */
  successListCostUsd: string | null;
  outcomeEvents: number;
  successEvents: number;
}

export async function getAuditTotals(db: Db, p: UsagePeriod): Promise<AuditSums> {
  const [row] = await db.select(sums).from(usageDaily).where(where(p));
  return row;
}

export interface AuditModelWorkflowRow extends AuditSums {
  model: string | null;
  workflow: string | null;
}

/** Per (model, workflow): the input of lib/analysis/verification.ts summariseVerification. */
export async function getAuditByModelWorkflow(db: Db, p: UsagePeriod): Promise<AuditModelWorkflowRow[]> {
  return db
    .select({ model: usageDaily.model, workflow: usageDaily.workflow, ...sums })
    .from(usageDaily)
    .where(where(p))
    .groupBy(usageDaily.model, usageDaily.workflow)
    .orderBy(asc(usageDaily.model), asc(usageDaily.workflow));
}
