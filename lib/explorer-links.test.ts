import { describe, expect, test } from 'vitest';
import {
  explorerExportHref,
  explorerHref,
  MAX_TRAIL,
  pageHref,
  parseRequestsParams,
  requestsHref,
  requestsPaging,
  sortHref,
} from './explorer-links';
import { DEFAULT_EXPLORER_VIEW, type ExplorerView, parseExplorerView } from './explorer-view';

const view: ExplorerView = { ...DEFAULT_EXPLORER_VIEW, groupBy: ['team', 'workflow'], from: '2026-10-01', to: '2026-10-31', page: 3 };
const parse = (href: string) =>
  Object.fromEntries(
    [...new URL(href, 'http://x').searchParams.keys()].map((k) => {
      const all = new URL(href, 'http://x').searchParams.getAll(k);
      return [k, all.length === 1 ? all[0] : all];
    }),
  );

describe('explorer links', () => {
  test('sort: a new metric starts descending, a dimension ascending; the same column flips; the page resets', () => {
    expect(sortHref(view, 'events')).toBe('/explorer?group=team%2Cworkflow&from=2026-10-01&to=2026-10-31&sort=events&dir=desc');
    expect(sortHref(view, 'team')).toBe('/explorer?group=team%2Cworkflow&from=2026-10-01&to=2026-10-31&sort=team&dir=asc');
    // The default sort is listCostUsd desc, so flipping it writes asc.
    expect(parseExplorerView(parse(sortHref(view, 'listCostUsd'))).sort).toEqual({ column: 'listCostUsd', dir: 'asc' });
  });

  test('pages keep the view', () => {
    const v = parseExplorerView(parse(pageHref(view, 7)));
    expect(v).toEqual({ ...view, page: 7 });
  });

  test('the export link carries the whole view but not the page', () => {
    expect(explorerExportHref({ ...view, filters: { team: ['core', null] }, search: 'chat' }, 'xlsx')).toBe(
      '/api/exports/xlsx?group=team%2Cworkflow&from=2026-10-01&to=2026-10-31&team=core&team=&q=chat&view=explorer',
    );
  });

  test('explorerHref opens the default grouping on a scope', () => {
    expect(explorerHref({ from: '2026-10-05', to: '2026-10-05', filters: { workflow: [null] } })).toBe(
      '/explorer?from=2026-10-05&to=2026-10-05&workflow=',
    );
  });
});

describe('drill-down links', () => {
  const scope = { from: '2026-10-01', to: '2026-10-07', filters: { team: ['core'], workflow: [null], vendor: ['openai', 'xai'] } };

  test('the scope round-trips, NULL included', () => {
    const href = requestsHref(scope);
    expect(href).toBe('/explorer/requests?from=2026-10-01&to=2026-10-07&vendor=openai&vendor=xai&team=core&workflow=');
    expect(parseRequestsParams(parse(href))).toEqual({ ...scope, cursor: null, trail: [], size: 50 });
  });

  test('next / previous / first carry the trail of cursors', () => {
    const p1 = parseRequestsParams(parse(requestsHref(scope, { size: 25 })));
    const nav1 = requestsPaging(p1, 'AAA');
    expect(nav1).toMatchObject({ previous: null, first: null, pageNumber: 1 });
    const p2 = parseRequestsParams(parse(nav1.next as string));
    expect(p2).toMatchObject({ cursor: 'AAA', trail: [''], size: 25 });
    const nav2 = requestsPaging(p2, 'BBB');
    expect(nav2.pageNumber).toBe(2);
    const p3 = parseRequestsParams(parse(nav2.next as string));
    expect(p3).toMatchObject({ cursor: 'BBB', trail: ['', 'AAA'] });
    const nav3 = requestsPaging(p3, null);
    expect(nav3).toMatchObject({ next: null, pageNumber: 3 });
    expect(parseRequestsParams(parse(nav3.previous as string))).toEqual(p2);
    expect(parseRequestsParams(parse(nav2.previous as string))).toEqual(p1);
    expect(parseRequestsParams(parse(nav3.first as string))).toEqual(p1);
  });

  test('a shared link without a trail, or a clipped trail, has no page number; junk cursors are dropped', () => {
    expect(requestsPaging(parseRequestsParams({ cursor: 'CCC' }), null)).toMatchObject({ previous: null, pageNumber: null });
    const long = Array.from({ length: MAX_TRAIL + 5 }, (_, i) => (i === 0 ? '' : `c${i}`)).join(',');
    const p = parseRequestsParams({ cursor: 'Z', trail: long });
    expect(p.trail).toHaveLength(MAX_TRAIL);
    expect(requestsPaging(p, null).pageNumber).toBeNull();
    expect(parseRequestsParams({ cursor: 'a b<script>', trail: 'ok,<x>', size: '33' })).toMatchObject({
      cursor: null,
      trail: ['ok'],
      size: 50,
    });
  });
});
