/** POST /api/imports with a column mapping (a mapping file, saved for later, or a saved one's name), on both databases. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '@/db/client';
import { listCsvMappings } from '@/db/queries/csv-mappings';
import { testDatabases } from '@/db/testing';
import { FIXTURES } from '@/lib/ingest/openai-testing';
import { useConnection } from '../_push/testing';
import { POST } from './route';

const dir = path.join(FIXTURES, 'mapped-csv');
const csv = () => new File([fs.readFileSync(path.join(dir, 'gateway-export.csv'))], 'gateway-export.csv', { type: 'text/csv' });
const yaml = (text = fs.readFileSync(path.join(dir, 'gateway-export.yaml'), 'utf8')) => new File([text], 'gateway.yaml');

function upload(fields: Record<string, File | string>): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return new Request('http://localhost/api/imports', { method: 'POST', body: form });
}

describe.each(testDatabases())('POST /api/imports with a mapping on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    // Demo mode: every request acts as the demo admin (the role checks have their own tests).
    process.env.ITEMIZED_AUTH = 'off';
    conn = await tdb.open();
    useConnection(conn);
  });
  afterAll(async () => {
    delete process.env.ITEMIZED_AUTH;
    await conn?.close();
    await tdb.dispose();
  });

  test('an invalid mapping file reads nothing and names its line and key', async () => {
    const r = await POST(
      upload({
        file: csv(),
        mapping: yaml('name: acme-gateway\nvendor: openai\ntimestamp: { column: Created (UTC) }\nmodle: Model Name\n'),
      }),
    );
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toMatchObject({ status: 'failed', runId: null, rowsRead: 0 });
    expect(body.issues).toEqual([{ file: 'gateway.yaml', line: 4, field: 'modle', message: 'column mapping: unknown mapping key' }]);
    expect(await listCsvMappings(conn)).toEqual([]);
  });

  test('a mapping file is used and saved; the saved one re-reads the same file as duplicates', async () => {
    const first = await (await POST(upload({ file: csv(), mapping: yaml() }))).json();
    expect(first).toMatchObject({ source: 'mapped_csv', status: 'succeeded', rowsInserted: 4 });
    expect((await listCsvMappings(conn)).map((m) => m.name)).toEqual(['acme-gateway']);
    const again = await (await POST(upload({ file: csv(), mappingName: 'acme-gateway' }))).json();
    expect(again).toMatchObject({ source: 'mapped_csv', status: 'succeeded', rowsInserted: 0, rowsDuplicate: 4 });
  });

  test('an unknown saved mapping is a bad request; without a mapping the CSV is not recognised', async () => {
    const r = await POST(upload({ file: csv(), mappingName: 'nope' }));
    expect(r.status).toBe(400);
    expect((await r.json()).error).toBe('No saved column mapping is named "nope".');
    const plain = await (await POST(upload({ file: csv() }))).json();
    expect(plain.status).toBe('failed');
    expect(plain.issues[0].message).toContain('unrecognised format');
  });
});
