/**
 * Lays the dependency graph (lib/analysis/dependency-graph.ts) out left to right with dagre: teams,
 * then workflows, then models, then vendors. Pure and synchronous, so it runs in the client map and in
 * unit tests alike. Spend stays an exact string for labels; toChartNumber is used only for geometry
 * (edge width) and ordering, never for a figure shown.
 */
import dagre from '@dagrejs/dagre';
import type { DependencyGraph, GraphEdge, GraphNode } from '@/lib/analysis/dependency-graph';
import { formatUsd } from '@/lib/format';
import { toChartNumber } from '@/lib/money';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 48;
const MIN_EDGE = 1.5;
const MAX_EDGE = 12;

/** Colour class of a node: the risk of a workflow, and of a vendor that exposed workflows depend on alone. */
export type NodeTone = 'critical' | 'exposed' | 'ok' | 'idle' | 'neutral';

export interface PlacedNode {
  id: string;
  kind: GraphNode['kind'];
  label: string;
  /** Exact USD or null (unknown, shown as "—"). */
  spendUsd: string | null;
  events: number;
  tone: NodeTone;
  /** One line under the label: criticality and risk, or the exposed workflows of a vendor. */
  detail: string;
  /** Full text for screen readers (the node's aria-label). */
  ariaLabel: string;
  x: number;
  y: number;
}

export interface PlacedEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdge['kind'];
  spendUsd: string | null;
  events: number;
  fallbackStatus?: GraphEdge['fallbackStatus'];
  /** Stroke width in px: square root of the edge's share of the largest usage edge, 1.5..12. */
  width: number;
  ariaLabel: string;
}

export const KIND_LABEL: Record<GraphNode['kind'], string> = { team: 'Team', workflow: 'Workflow', model: 'Model', vendor: 'Vendor' };

const RISK_TEXT = {
  exposed: 'single-vendor exposed',
  mitigated: 'fallback exercised',
  diversified: 'several vendors',
  idle: 'no usage in the period',
} as const;

export function nodeTone(n: GraphNode, criticalExposedVendors: ReadonlySet<string>): NodeTone {
  if (n.kind === 'workflow') {
    if (n.risk === 'exposed') return n.criticality === 'critical' ? 'critical' : 'exposed';
    if (n.risk === 'idle') return 'idle';
    return n.risk ? 'ok' : 'neutral';
  }
  if (n.kind === 'vendor' && n.exposedWorkflows?.length) return criticalExposedVendors.has(n.id) ? 'critical' : 'exposed';
  return 'neutral';
}

function nodeDetail(n: GraphNode): string {
  if (n.kind === 'workflow' && n.risk) return `${n.criticality ?? 'unattributed'} · ${RISK_TEXT[n.risk]}`;
  if (n.kind === 'vendor' && n.exposedWorkflows?.length) return `sole vendor of ${n.exposedWorkflows.length} exposed`;
  if (n.kind === 'model') return n.id.slice('model:'.length).split('/')[0];
  return `${n.events.toLocaleString('en-US')} events`;
}

export function edgeLabel(e: Pick<GraphEdge, 'kind' | 'spendUsd' | 'events' | 'fallbackStatus'>, from: string, to: string): string {
  if (e.kind === 'fallback')
    return `Declared fallback from ${from} to ${to}: ${e.fallbackStatus === 'exercised' ? `exercised, ${e.events} events, ${formatUsd(e.spendUsd)}` : 'never exercised in the period'}`;
  return `${from} to ${to}: ${formatUsd(e.spendUsd)} list, ${e.events} events`;
}

/** Positions every node (top-left corner, as React Flow expects) and sizes every edge. */
export function layoutDependencyGraph(graph: DependencyGraph): { nodes: PlacedNode[]; edges: PlacedEdge[]; width: number; height: number } {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', ranksep: 110, nodesep: 14, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  // Heavier edges pull their ends into line; fallback edges do not shape the layout as much.
  const maxUsage = Math.max(0, ...graph.edges.filter((e) => e.kind === 'usage').map((e) => toChartNumber(e.spendUsd)));
  for (const e of graph.edges)
    g.setEdge(e.source, e.target, {
      weight: e.kind === 'fallback' ? 1 : 1 + Math.round((10 * toChartNumber(e.spendUsd)) / (maxUsage || 1)),
    });
  dagre.layout(g);

  const criticalExposed = new Set(
    graph.nodes
      .filter(
        (n) =>
          n.kind === 'vendor' &&
          n.exposedWorkflows?.some((w) => graph.nodes.find((x) => x.id === `workflow:${w}`)?.criticality === 'critical'),
      )
      .map((n) => n.id),
  );
  const label = new Map(graph.nodes.map((n) => [n.id, `${KIND_LABEL[n.kind]} ${n.label}`]));
  const nodes = graph.nodes.map((n): PlacedNode => {
    const p = g.node(n.id);
    const detail = nodeDetail(n);
    return {
      id: n.id,
      kind: n.kind,
      label: n.label,
      spendUsd: n.spendUsd,
      events: n.events,
      tone: nodeTone(n, criticalExposed),
      detail,
      ariaLabel: `${KIND_LABEL[n.kind]} ${n.label}: ${formatUsd(n.spendUsd)} list, ${detail}`,
      x: Math.round(p.x - NODE_WIDTH / 2),
      y: Math.round(p.y - NODE_HEIGHT / 2),
    };
  });
  const edges = graph.edges.map((e): PlacedEdge => {
    const share = maxUsage > 0 ? toChartNumber(e.spendUsd) / maxUsage : 0;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      kind: e.kind,
      spendUsd: e.spendUsd,
      events: e.events,
      fallbackStatus: e.fallbackStatus,
      width: e.kind === 'fallback' ? 2 : Number((MIN_EDGE + (MAX_EDGE - MIN_EDGE) * Math.sqrt(Math.max(0, share))).toFixed(2)),
      ariaLabel: edgeLabel(e, label.get(e.source) ?? e.source, label.get(e.target) ?? e.target),
    };
  });
  const { width = 0, height = 0 } = g.graph();
  return { nodes, edges, width, height };
}
