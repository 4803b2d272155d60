/** On the demo organisation, the planted single-vendor critical workflow ranks first among exposed workflows. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PLAN } from '../../lib/demo/generate';
import { type LoadedDemo, loadDemo } from '../../test/demo-db';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { type DependenciesView, loadDependencies } from './dependencies';

describe.each(testDatabases())('dependencies of the demo on $name', (tdb) => {
  let conn: Connection;
  let demo: LoadedDemo;
  let view: DependenciesView;
  beforeAll(async () => {
    conn = await tdb.open();
    demo = await loadDemo(conn, { seed: 42, scale: 0.1, end: new Date('2026-10-01T00:00:00Z') });
    view = await loadDependencies(conn, demo);
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('the planted single-vendor critical workflow ranks first', () => {
    const first = view.concentration.exposed[0];
    expect(first).toMatchObject({
      workflow: DEMO_PLAN.singleVendorCritical,
      criticality: 'critical',
      topVendor: 'xai',
      topShare: 1,
      hhi: 10_000,
      fallbacks: [],
      exposed: true,
    });
    // The only other critical workflow declares a fallback on another vendor and exercised it.
    const triage = view.concentration.workflows.find((w) => w.workflow === 'support/ticket-triage')!;
    expect(triage.exposed).toBe(false);
    expect(triage.fallbacks).toMatchObject([{ vendor: 'anthropic', model: 'claude-haiku-4-5', status: 'exercised', sameVendor: false }]);
    expect(triage.fallbacks[0].events).toBeGreaterThan(0);
    expect(view.concentration.exposed.filter((w) => w.criticality === 'critical').map((w) => w.workflow)).toEqual([
      DEMO_PLAN.singleVendorCritical,
    ]);
  });

  test('every logged workflow is attributed; the graph links teams to vendors', () => {
    expect(view.concentration.unattributed.events).toBe(0);
    for (const w of DEMO_PLAN.workflows) expect(view.concentration.workflows.find((x) => x.workflow === w.id)!.events).toBeGreaterThan(0);
    expect(view.graph.nodes.find((n) => n.id === 'vendor:xai')?.exposedWorkflows?.[0]).toBe(DEMO_PLAN.singleVendorCritical);
    expect(view.graph.edges.some((e) => e.source === 'team:platform' && e.target === `workflow:${DEMO_PLAN.singleVendorCritical}`)).toBe(
      true,
    );
  });
});
