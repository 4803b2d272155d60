/**
 * Everything the Dependencies page needs for a period, in one call: the map, the attributed baseline
 * (month grain), vendor concentration with the exposure ranking, and the graph.
 */
import type { BaselineLine } from '../../lib/analysis/baseline';
import { analyseConcentration, type ConcentrationReport } from '../../lib/analysis/concentration';
import { buildDependencyGraph, type DependencyGraph } from '../../lib/analysis/dependency-graph';
import type { ItemizedConfig } from '../../lib/config/types';
import type { Connection } from '../client';
import { getBaselineLines } from './baseline';
import { getConfig } from './config';

export interface DependenciesView {
  config: ItemizedConfig;
  /** Month-grain baseline lines of the period. */
  lines: BaselineLine[];
  concentration: ConcentrationReport;
  graph: DependencyGraph;
}

/** `period`: first and last UTC day, inclusive. */
export async function loadDependencies(conn: Connection, period: { from: string; to: string }): Promise<DependenciesView> {
  const config = await getConfig(conn.db);
  const lines = await getBaselineLines(conn, config, { ...period, grain: 'month' });
  const concentration = analyseConcentration(lines, config);
  return { config, lines, concentration, graph: buildDependencyGraph(lines, config, concentration) };
}
