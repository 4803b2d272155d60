/** The dependency map in the database: byte-identical round trip, all-or-nothing import, uncovered suggestions. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ItemizedConfig } from '../../lib/config/types';
import { exportConfigYaml } from '../../lib/config/yaml';
import { dependencyYaml } from '../../lib/demo/config-yaml';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getConfig, getUncoveredSuggestions, importConfigYaml, replaceConfig } from './config';
import { insertFixtureEvents } from './usage-fixtures';

describe.each(testDatabases())('dependency map on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('an empty database has an empty map', async () => {
    expect(await getConfig(conn.db)).toEqual({ version: 1, workflows: [], subscriptions: [], budgets: [] });
  });

  test('export -> import -> export is byte-identical (the demo map)', async () => {
    const first = await importConfigYaml(conn.db, dependencyYaml());
    expect(first.ok).toBe(true);
    const exported = exportConfigYaml(await getConfig(conn.db));
    expect(await getConfig(conn.db)).toEqual((first as { config: ItemizedConfig }).config);
    expect((await importConfigYaml(conn.db, exported)).ok).toBe(true);
    expect(exportConfigYaml(await getConfig(conn.db))).toBe(exported);
  });

  test('an invalid file changes nothing; a valid one replaces the whole map', async () => {
    const before = await getConfig(conn.db);
    const bad = await importConfigYaml(
      conn.db,
      'workflows:\n  - name: x\n    team: t\n    criticality: critical\n    match: { team: t }\n  - name: y\n    team: t\n    criticality: urgent\n    match: { team: u }\n',
    );
    expect(bad).toEqual({
      ok: false,
      errors: [{ line: 8, path: 'workflows[1].criticality', message: 'expected one of critical|important|optional' }],
    });
    expect(await getConfig(conn.db)).toEqual(before);
    // The same rules guard a map built in code (a settings form): nothing written.
    await expect(
      replaceConfig(conn.db, { ...before, workflows: [{ ...before.workflows[0], criticality: 'urgent' as never }] }),
    ).rejects.toThrow('invalid dependency map: workflows[0].criticality: expected one of critical|important|optional');
    expect(await getConfig(conn.db)).toEqual(before);
    const small = await importConfigYaml(
      conn.db,
      'workflows:\n  - name: x\n    team: t\n    criticality: critical\n    match: { team: t }\nbudgets:\n  - team: t\n    amount_usd: "7.50"\n',
    );
    expect(small.ok).toBe(true);
    expect(await getConfig(conn.db)).toEqual({
      version: 1,
      workflows: [{ name: 'x', team: 't', criticality: 'critical', description: null, match: [{ team: ['t'] }], fallbacks: [] }],
      subscriptions: [],
      budgets: [{ scope: 'team', name: 't', month: null, amountUsd: '7.50' }],
    });
  });

  test('suggestions: workflow tags and projects no rule attributes, with event-level rules applied per event', async () => {
    const config: ItemizedConfig = {
      version: 1,
      workflows: [
        { name: 'A', team: 't', criticality: 'critical', description: null, match: [{ workflow: ['a'] }], fallbacks: [] },
        // Only u1's calls in project p2 belong to B; u2's are uncovered.
        { name: 'B', team: 't', criticality: 'optional', description: null, match: [{ project: ['p2'], user: ['u1'] }], fallbacks: [] },
      ],
      subscriptions: [],
      budgets: [],
    };
    await replaceConfig(conn.db, config);
    const ev = { vendor: 'openai', model: 'gpt-5-mini' };
    await insertFixtureEvents(conn, [
      { ...ev, at: '2026-03-01T10:00:00Z', workflow: 'a', project: 'p1', listCostUsd: '1' },
      { ...ev, at: '2026-03-02T10:00:00Z', workflow: 'b', project: 'p1', listCostUsd: '2' },
      { ...ev, at: '2026-03-03T10:00:00Z', workflow: 'b', project: 'p1', listCostUsd: '0.5' },
      { ...ev, at: '2026-03-02T11:00:00Z', project: 'p2', userId: 'u1', listCostUsd: '4' },
      { ...ev, at: '2026-03-04T11:00:00Z', project: 'p2', userId: 'u2', listCostUsd: '3' },
      { ...ev, at: '2026-03-04T12:00:00Z', project: 'p3', listCostUsd: null, model: 'mystery' },
    ]);
    expect(await getUncoveredSuggestions(conn, config)).toEqual([
      { kind: 'project', value: 'p2', events: 1, listCostUsd: '3', firstDay: '2026-03-04', lastDay: '2026-03-04' },
      { kind: 'project', value: 'p1', events: 2, listCostUsd: '2.5', firstDay: '2026-03-02', lastDay: '2026-03-03' },
      { kind: 'workflow_tag', value: 'b', events: 2, listCostUsd: '2.5', firstDay: '2026-03-02', lastDay: '2026-03-03' },
      { kind: 'project', value: 'p3', events: 1, listCostUsd: null, firstDay: '2026-03-04', lastDay: '2026-03-04' },
    ]);
    expect(await getUncoveredSuggestions(conn, config, { from: '2026-03-03', to: '2026-03-03' })).toEqual([
      { kind: 'project', value: 'p1', events: 1, listCostUsd: '0.5', firstDay: '2026-03-03', lastDay: '2026-03-03' },
      { kind: 'workflow_tag', value: 'b', events: 1, listCostUsd: '0.5', firstDay: '2026-03-03', lastDay: '2026-03-03' },
    ]);
  });
});
