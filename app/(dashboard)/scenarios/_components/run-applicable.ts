/** Running the URL's rules on the page: what the map cannot satisfy is left out and reported, the rest still runs. Pure. */
import { ScenarioError, type ScenarioInput } from '@/lib/analysis/scenario';
import { type ScenarioRule, validateRules } from '@/lib/analysis/scenario-rules';
import { runScenario, type ScenarioResult } from '@/lib/analysis/scenario-run';

/** Runs the rules the map can satisfy; each one it cannot (unknown workflow or plan, no fallback, moved twice) is left out and reported. */
export function runApplicable(input: ScenarioInput, rules: readonly ScenarioRule[]): { result: ScenarioResult; problems: string[] } {
  const applicable: ScenarioRule[] = [];
  const problems: string[] = [];
  for (const r of rules) {
    const p = validateRules([...applicable, r], input.config);
    if (p.length) problems.push(...p);
    else applicable.push(r);
  }
  try {
    return { result: runScenario(input, applicable), problems };
  } catch (e) {
    if (e instanceof ScenarioError) return { result: runScenario(input, []), problems: [...problems, ...e.problems] };
    throw e;
  }
}
