/** Series colours come from CSS variables (globals.css --chart-1..8), assigned by series order. */
export const SERIES_COLORS = Array.from({ length: 8 }, (_, i) => `var(--chart-${i + 1})`);

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

export const AXIS_TICK = { fontSize: 11.5, fill: 'var(--text-faint)' } as const;
export const GRID_STROKE = 'var(--border)';
