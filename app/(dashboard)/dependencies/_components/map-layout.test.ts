import { describe, expect, test } from 'vitest';
import type { DependencyGraph } from '@/lib/analysis/dependency-graph';
import { layoutDependencyGraph, NODE_WIDTH } from './map-layout';

const graph: DependencyGraph = {
  nodes: [
    { id: 'team:ops', kind: 'team', label: 'ops', spendUsd: '100', events: 10 },
    {
      id: 'workflow:ops/pager',
      kind: 'workflow',
      label: 'ops/pager',
      spendUsd: '100',
      events: 10,
      criticality: 'critical',
      risk: 'exposed',
    },
    { id: 'workflow:ops/notes', kind: 'workflow', label: 'ops/notes', spendUsd: null, events: 0, criticality: 'optional', risk: 'idle' },
    { id: 'model:xai/grok-3', kind: 'model', label: 'grok-3', spendUsd: '100', events: 10 },
    { id: 'model:openai/gpt-5', kind: 'model', label: 'gpt-5', spendUsd: null, events: 0 },
    { id: 'vendor:xai', kind: 'vendor', label: 'xai', spendUsd: '100', events: 10, exposedWorkflows: ['ops/pager'] },
    { id: 'vendor:openai', kind: 'vendor', label: 'openai', spendUsd: null, events: 0 },
  ],
  edges: [
    { id: 'u1', source: 'team:ops', target: 'workflow:ops/pager', kind: 'usage', spendUsd: '100', events: 10 },
    { id: 'u2', source: 'workflow:ops/pager', target: 'model:xai/grok-3', kind: 'usage', spendUsd: '25', events: 10 },
    { id: 'u3', source: 'model:xai/grok-3', target: 'vendor:xai', kind: 'usage', spendUsd: '100', events: 10 },
    { id: 'u4', source: 'team:ops', target: 'workflow:ops/notes', kind: 'usage', spendUsd: null, events: 0 },
    { id: 'u5', source: 'model:openai/gpt-5', target: 'vendor:openai', kind: 'usage', spendUsd: null, events: 0 },
    {
      id: 'f1',
      source: 'workflow:ops/pager',
      target: 'model:openai/gpt-5',
      kind: 'fallback',
      spendUsd: null,
      events: 0,
      fallbackStatus: 'never_exercised',
    },
  ],
};

describe('layoutDependencyGraph', () => {
  const laid = layoutDependencyGraph(graph);
  const node = (id: string) => laid.nodes.find((n) => n.id === id)!;
  const edge = (id: string) => laid.edges.find((e) => e.id === id)!;

  test('columns run teams -> workflows -> models -> vendors, left to right', () => {
    const x = (id: string) => node(id).x;
    expect(x('team:ops')).toBeLessThan(x('workflow:ops/pager'));
    expect(x('workflow:ops/pager')).toBe(x('workflow:ops/notes'));
    expect(x('workflow:ops/pager') + NODE_WIDTH).toBeLessThan(x('model:xai/grok-3'));
    expect(x('model:xai/grok-3')).toBe(x('model:openai/gpt-5'));
    expect(x('model:xai/grok-3') + NODE_WIDTH).toBeLessThan(x('vendor:xai'));
  });

  test('risk colours: the exposed critical workflow and its sole vendor are critical; idle stays idle', () => {
    expect(node('workflow:ops/pager').tone).toBe('critical');
    expect(node('vendor:xai').tone).toBe('critical');
    expect(node('workflow:ops/notes').tone).toBe('idle');
    expect(node('vendor:openai').tone).toBe('neutral');
  });

  test('every node has a label for screen readers with its exact spend formatted, or a dash when unknown', () => {
    expect(node('workflow:ops/pager').ariaLabel).toBe('Workflow ops/pager: $100.00 list, critical · single-vendor exposed');
    expect(node('vendor:xai').ariaLabel).toBe('Vendor xai: $100.00 list, sole vendor of 1 exposed');
    expect(node('model:openai/gpt-5').ariaLabel).toBe('Model gpt-5: — list, openai');
  });

  test('edge width follows the square root of spend against the largest edge; fallbacks are drawn apart', () => {
    expect(edge('u1').width).toBe(12);
    expect(edge('u2').width).toBe(6.75); // 1.5 + 10.5 x sqrt(0.25)
    expect(edge('u4').width).toBe(1.5);
    expect(edge('f1')).toMatchObject({ kind: 'fallback', width: 2, fallbackStatus: 'never_exercised' });
    expect(edge('f1').ariaLabel).toBe('Declared fallback from Workflow ops/pager to Model gpt-5: never exercised in the period');
    expect(edge('u3').ariaLabel).toBe('Model grok-3 to Vendor xai: $100.00 list, 10 events');
  });
});
