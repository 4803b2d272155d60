/**
 * Every further rollup of usage_events, kept exactly like usage_daily (db/queries/rollup.ts folds each one in the
 * loader's statements and in rebuildRollupDays). A rollup module exports an EventRollup; list it here.
 * Type-only import: rollup modules import the EventRollup type from './rollup', never values, so there is no cycle.
 */
import type { EventRollup } from './rollup';
import { keyRollup } from './rollup-keys';

export const EVENT_ROLLUPS: readonly EventRollup[] = [keyRollup];
