/**
 * The AI share of cloud bills on both databases, from the real FOCUS 1.0 sample loaded through the loader. The
 * expected figures are summed here from the CSV with decimal.js, AI being what the provider files under
 * "AI and Machine Learning" (the sample has no AI service under "Other"), independently of the classifier.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestFile } from '../../lib/ingest/load';
import { samplePath } from '../../test/samples';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getCloudAiShare } from './cloud-ai-share';
import { getSummary } from './summary';

const SAMPLE = samplePath('focus/focus-1.0-sample-1000.finops.csv');
const CLOUDS: Record<string, string> = { AWS: 'aws', Microsoft: 'azure', Oracle: 'oracle' };

function expected() {
  const rows: Record<string, string>[] = parse(readFileSync(SAMPLE), { columns: true, bom: true });
  const bills = new Map<string, { total: Decimal; ai: Decimal; lines: number; aiLines: number }>();
  for (const r of rows) {
    const k = `${CLOUDS[r.ProviderName]}|${r.ChargePeriodStart.slice(0, 7)}|${r.BillingCurrency}`;
    const b = bills.get(k) ?? { total: new Decimal(0), ai: new Decimal(0), lines: 0, aiLines: 0 };
    const cost = new Decimal(r.BilledCost);
    b.total = b.total.plus(cost);
    b.lines++;
    if (r.ServiceCategory === 'AI and Machine Learning') {
      b.ai = b.ai.plus(cost);
      b.aiLines++;
    }
    bills.set(k, b);
  }
  return bills;
}

describe.each(testDatabases())('cloud AI share on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
    const r = await ingestFile(conn, { file: SAMPLE, input: createReadStream(SAMPLE), fileMtime: statSync(SAMPLE).mtime });
    expect(r.status).toBe('succeeded');
  });
  afterAll(async () => {
    await conn.close();
    await tdb.dispose();
  });

  test('per cloud and month: the whole bill, its AI lines and the share, exact', async () => {
    const rows = await getCloudAiShare(conn);
    const want = expected();
    expect(rows.map((r) => `${r.cloud}|${r.month}|${r.currency}`).sort()).toEqual([...want.keys()].sort());
    for (const r of rows) {
      const w = want.get(`${r.cloud}|${r.month}|${r.currency}`)!;
      expect(new Decimal(r.billedTotal).eq(w.total), `${r.cloud} total`).toBe(true);
      expect(new Decimal(r.billedAi).eq(w.ai), `${r.cloud} ai`).toBe(true);
      expect([r.lines, r.aiLines]).toEqual([w.lines, w.aiLines]);
      expect(r.aiSharePct).toBe(w.total.isZero() ? null : w.ai.div(w.total).times(100).toFixed(1));
    }
    // Azure's September bill: Azure Machine Learning is its only AI service (the sample's amounts are credits).
    const azure = rows.find((r) => r.cloud === 'azure');
    expect(azure?.aiServices).toEqual([{ service: 'Azure Machine Learning', billed: azure?.billedAi }]);
    expect(rows.find((r) => r.cloud === 'aws')).toMatchObject({ billedAi: '0', aiLines: 0, aiSharePct: '0.0', aiServices: [] });
  });

  test('summary --json carries it; a period without the bill has none', async () => {
    const s = await getSummary(conn, {});
    expect(s.cloud_ai_share).toHaveLength(3);
    expect(s.cloud_ai_share.find((r) => r.cloud === 'azure')).toMatchObject({ month: '2024-09', currency: 'USD', ai_lines: 9 });
    expect((await getSummary(conn, { from: '2025-01-01' })).cloud_ai_share).toEqual([]);
  });
});
