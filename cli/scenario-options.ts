/** Option parsing for `itemized scenario` (kept apart so the CLI entry point loads no query code up front). */
import { InvalidArgumentError } from 'commander';
import { parseRule, RuleError, type ScenarioRule } from '../lib/analysis/scenario-rules';
import { isPreset, PRESETS, type PresetName } from '../lib/analysis/scenario-run';

export interface ScenarioCliOptions {
  rule: ScenarioRule[];
  preset: PresetName[];
  from?: string;
  to?: string;
  json?: boolean;
}

/** commander option parser for a repeatable --rule: a malformed rule fails before the database is opened. */
export function collectRule(value: string, previous: ScenarioRule[] = []): ScenarioRule[] {
  try {
    return [...previous, parseRule(value)];
  } catch (e) {
    if (e instanceof RuleError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

export function collectPreset(value: string, previous: PresetName[] = []): PresetName[] {
  if (!isPreset(value)) throw new InvalidArgumentError(`unknown preset "${value}" (expected one of ${PRESETS.join(', ')})`);
  return [...previous, value];
}
