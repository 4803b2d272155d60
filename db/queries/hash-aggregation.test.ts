/** withHashAggregation: the settings hold inside, are reset after, and a failing statement reports its own error. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { withHashAggregation } from './rollup';

describe.each(testDatabases())('withHashAggregation on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('enable_sort is off inside and back on after', async () => {
    const setting = async (q: (t: string) => Promise<{ enable_sort: string }[]>) => (await q('SHOW enable_sort'))[0].enable_sort;
    await conn.transaction(async (tx) => {
      const inside = await withHashAggregation(tx, () => setting((t) => tx.query(t)));
      expect([inside, await setting((t) => tx.query(t))]).toEqual(['off', 'on']);
    });
  });

  test("a failing statement's own error reaches the caller", async () => {
    const failed = conn.transaction((tx) => withHashAggregation(tx, () => tx.query('SELECT 1 / 0')));
    await expect(failed).rejects.toThrow(/division by zero/);
  });
});
