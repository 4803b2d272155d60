'use client';

/**
 * The interactive dependency map (React Flow + dagre layout): teams -> workflows -> models -> vendors.
 * Edge width follows list spend; declared fallbacks are dashed (green when exercised in the period,
 * amber when never); workflows are coloured by risk. Nodes are read-only (no drag, no delete) but
 * keyboard-focusable with a full aria-label; the same edges are listed in a table below the map.
 */
import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
  ReactFlowProvider,
} from '@xyflow/react';
import { useMemo } from 'react';
import type { DependencyGraph } from '@/lib/analysis/dependency-graph';
import { formatUsd } from '@/lib/format';
import { KIND_LABEL, layoutDependencyGraph, NODE_HEIGHT, NODE_WIDTH, type PlacedNode } from './map-layout';

type MapNode = Node<{ placed: PlacedNode }, 'dep'>;

function DepNode({ data }: NodeProps<MapNode>) {
  const n = data.placed;
  return (
    <div className={`dep-node dep-${n.kind} tone-${n.tone}`} style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}>
      {n.kind !== 'team' ? <Handle type="target" position={Position.Left} isConnectable={false} /> : null}
      <div className="dep-node-top">
        <span className="dep-kind">{KIND_LABEL[n.kind]}</span>
        <span className="dep-spend">{formatUsd(n.spendUsd)}</span>
      </div>
      <div className="dep-label" title={n.label}>
        {n.label}
      </div>
      <div className="dep-detail">{n.detail}</div>
      {n.kind !== 'vendor' ? <Handle type="source" position={Position.Right} isConnectable={false} /> : null}
    </div>
  );
}

const nodeTypes = { dep: DepNode };

const FALLBACK_COLOUR = { exercised: 'var(--ok)', never_exercised: 'var(--warn)' } as const;

const ARIA = {
  'node.a11yDescription.default': 'Press Tab to move to the next node or edge. The table below the map lists the same edges.',
  'node.a11yDescription.keyboardDisabled': 'Press Tab to move to the next node or edge. The table below the map lists the same edges.',
  'edge.a11yDescription.default': 'Press Tab to move to the next edge.',
};

export function DependencyMap({ graph }: { graph: DependencyGraph }) {
  const { nodes, edges, height } = useMemo(() => {
    const laid = layoutDependencyGraph(graph);
    const nodes: MapNode[] = laid.nodes.map((n) => ({
      id: n.id,
      type: 'dep',
      position: { x: n.x, y: n.y },
      data: { placed: n },
      ariaLabel: n.ariaLabel,
      draggable: false,
      connectable: false,
      deletable: false,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    }));
    const edges: Edge[] = laid.edges.map((e) => {
      const fallback = e.kind === 'fallback';
      const colour = fallback ? FALLBACK_COLOUR[e.fallbackStatus ?? 'never_exercised'] : '#8a97a8';
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        type: 'default',
        ariaLabel: e.ariaLabel,
        deletable: false,
        className: fallback ? `dep-edge-fallback dep-edge-${e.fallbackStatus}` : 'dep-edge-usage',
        style: { strokeWidth: e.width, stroke: colour, strokeDasharray: fallback ? '6 5' : undefined, opacity: fallback ? 1 : 0.75 },
        markerEnd: fallback ? { type: MarkerType.ArrowClosed, color: colour, width: 16, height: 16 } : undefined,
        zIndex: fallback ? 1 : 0,
      };
    });
    return { nodes, edges, height: laid.height };
  }, [graph]);

  return (
    <ReactFlowProvider>
      <div className="dep-map" style={{ height: Math.min(760, Math.max(360, height * 0.75 + 40)) }}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ padding: 0.04 }}
          minZoom={0.2}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable
          deleteKeyCode={null}
          disableKeyboardA11y
          ariaLabelConfig={ARIA}
          proOptions={{ hideAttribution: false }}
          aria-label="Dependency map: teams, workflows, models and vendors"
        >
          <Background gap={24} color="#e2e6eb" />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </ReactFlowProvider>
  );
}

export function MapLegend() {
  return (
    <ul className="legend dep-legend" aria-label="Map legend">
      <li>
        <span className="dep-swatch tone-critical" aria-hidden="true" /> Critical workflow exposed to a single vendor (and its vendor)
      </li>
      <li>
        <span className="dep-swatch tone-exposed" aria-hidden="true" /> Other single-vendor exposed workflow (and its vendor)
      </li>
      <li>
        <span className="dep-swatch tone-ok" aria-hidden="true" /> Several vendors, or a fallback on another vendor exercised
      </li>
      <li>
        <span className="dep-swatch tone-idle" aria-hidden="true" /> No usage in the period
      </li>
      <li>
        <span className="dep-line" aria-hidden="true" /> Usage (width: list spend)
      </li>
      <li>
        <span className="dep-line dep-line-ok" aria-hidden="true" /> Declared fallback, exercised in the period
      </li>
      <li>
        <span className="dep-line dep-line-warn" aria-hidden="true" /> Declared fallback, never exercised
      </li>
    </ul>
  );
}
