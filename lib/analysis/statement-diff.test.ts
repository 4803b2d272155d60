import { describe, expect, test } from 'vitest';
import { diffStatementLines, type SnapshotLine } from './statement-diff';

const line = (id: string, list: string | null, billed: string | null = null): SnapshotLine => ({
  id,
  section: id.split(':')[0],
  label: id,
  listCostUsd: list,
  billedCostUsd: billed,
});

describe('diffStatementLines', () => {
  test('equal amounts written differently are not a change', () => {
    expect(diffStatementLines([line('team:usage:a', '1.50')], [line('team:usage:a', '1.5')])).toEqual([]);
  });

  test('changed, added and removed lines with exact deltas', () => {
    const before = [line('team:usage:a', '10.0000000001', '3'), line('team:usage:gone', '2'), line('vendor:usage:x', null)];
    const after = [line('team:usage:a', '10.0000000003', '3'), line('team:usage:new', '0.1'), line('vendor:usage:x', '0')];
    expect(diffStatementLines(before, after)).toEqual([
      {
        id: 'team:usage:a',
        section: 'team',
        label: 'team:usage:a',
        change: 'changed',
        before: { listCostUsd: '10.0000000001', billedCostUsd: '3' },
        after: { listCostUsd: '10.0000000003', billedCostUsd: '3' },
        listDeltaUsd: '0.0000000002',
        billedDeltaUsd: '0',
      },
      {
        id: 'team:usage:new',
        section: 'team',
        label: 'team:usage:new',
        change: 'added',
        before: null,
        after: { listCostUsd: '0.1', billedCostUsd: null },
        listDeltaUsd: '0.1',
        billedDeltaUsd: null,
      },
      {
        id: 'vendor:usage:x',
        section: 'vendor',
        label: 'vendor:usage:x',
        change: 'changed', // unknown -> known zero
        before: { listCostUsd: null, billedCostUsd: null },
        after: { listCostUsd: '0', billedCostUsd: null },
        listDeltaUsd: '0',
        billedDeltaUsd: null,
      },
      {
        id: 'team:usage:gone',
        section: 'team',
        label: 'team:usage:gone',
        change: 'removed',
        before: { listCostUsd: '2', billedCostUsd: null },
        after: null,
        listDeltaUsd: '-2',
        billedDeltaUsd: null,
      },
    ]);
  });

  test('more than 20 significant digits stay exact', () => {
    const [c] = diffStatementLines([line('v:usage:a', '123456789012.00000000001')], [line('v:usage:a', '123456789012.00000000002')]);
    expect(c.listDeltaUsd).toBe('0.00000000001');
  });
});
