/** The double-counting warning fires exactly when a usage export and request logs cover the same day, vendor and model. */
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestFile } from '../../lib/ingest/load';
import { samplePath } from '../../test/samples';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getBucketLogOverlap } from './overlap';

const page = (day: number, model: string | null, project: string | null) =>
  JSON.stringify({
    object: 'page',
    data: [
      {
        object: 'bucket',
        start_time: day,
        end_time: day + 86400,
        results: [
          {
            object: 'organization.usage.completions.result',
            input_tokens: 1000,
            output_tokens: 200,
            num_model_requests: 3,
            model,
            project_id: project,
          },
        ],
      },
    ],
    has_more: false,
    next_page: null,
  });

const DEC_13_2025 = 1765584000; // the responses sample (gpt-5-mini) was created that day

describe.each(testDatabases())('usage export vs request logs on $name', (tdb) => {
  let conn: Connection;
  const load = (file: string, text: string) =>
    ingestFile(conn, {
      file,
      input: (async function* () {
        yield Buffer.from(text);
      })(),
      fileMtime: new Date(),
    });
  beforeAll(async () => {
    conn = await tdb.open();
    const p = samplePath('openai/responses-api-reasoning.vercel-ai.json');
    await ingestFile(conn, { file: p, input: createReadStream(p), fileMtime: new Date() });
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });
  const period = { from: '2025-12-01', to: '2025-12-31' };

  test('an export for another project or another day is not flagged', async () => {
    await load('other-project.json', page(DEC_13_2025, 'gpt-5-mini-2025-08-07', 'proj_batch'));
    await load('other-day.json', page(DEC_13_2025 + 86400, 'gpt-5-mini-2025-08-07', null));
    expect(await getBucketLogOverlap(conn, period)).toEqual([]);
  });

  test('an ungrouped export on the same day as logged requests of that vendor is flagged', async () => {
    await load('same-day.json', page(DEC_13_2025, null, null));
    const rows = await getBucketLogOverlap(conn, period);
    expect(rows).toEqual([expect.objectContaining({ vendor: 'openai', model: null, days: 1, bucketRequests: 3, loggedRequests: 1 })]);
    expect(await getBucketLogOverlap(conn, { ...period, vendor: 'anthropic' })).toEqual([]);
  });
});
