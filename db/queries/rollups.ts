/**
 * Every further rollup of usage_events, kept exactly like usage_daily (db/queries/rollup.ts folds each one in the
 * loader's statements and in rebuildRollupDays). A rollup module exports an EventRollup; list it here.
 * Type-only import: rollup modules import the EventRollup type from './rollup', never values, so there is no cycle.
 */
import type { EventRollup } from './rollup';
import { lengthCellsRollup } from './rollup-cells';
import { filterValuesRollup } from './rollup-filter-values';
import { keyRollup } from './rollup-keys';
import { taskDaysRollup } from './rollup-tasks';

export const EVENT_ROLLUPS: readonly EventRollup[] = [lengthCellsRollup, taskDaysRollup, keyRollup, filterValuesRollup];
