/**
 * Self-hosting a workflow on open-weights models: what a GPU deployment costs per million tokens, and
 * the monthly volume at which it costs the same as the workflow's API spend today. Pure.
 *
 * Conventions (all exact decimals; rates rounded half-even to 10 decimals, token volumes rounded up):
 * - a month is 730 hours (8,760 / 12); the deployment is paid for every hour, busy or not;
 * - hourly cost = GPUs x (hourly price per GPU, or purchase price per GPU / (months x 730));
 * - tokens per second is what the whole deployment sustains at full load, prompt and completion tokens
 *   counted alike; utilisation is the share of hours it runs at that rate;
 * - cost per million tokens = hourly cost / (tokens per second x 3,600 x utilisation) x 1,000,000;
 * - break-even monthly tokens = monthly cost / today's API cost per token of the workflow: above it,
 *   self-hosting is cheaper (as long as the volume fits the capacity).
 */
import DecimalBase from 'decimal.js';
import type { SelfHostedSpec } from './scenario-rules';

const Decimal = DecimalBase.clone({ precision: 40 });
type Dec = DecimalBase;

export const HOURS_PER_MONTH = 730;

export interface SelfHostedEstimate {
  workflow: string;
  spec: SelfHostedSpec;
  /** USD per hour for the whole deployment. */
  hourlyCostUsd: string;
  /** USD per 730-hour month. */
  monthlyCostUsd: string;
  /** Tokens a month the deployment serves at the given utilisation. */
  capacityTokensPerMonth: string;
  costPerMillionTokensUsd: string;
  /** The workflow today: tokens (input + output) a month, and its API list cost per million tokens (null = unpriced). */
  workflowTokensPerMonth: string;
  apiCostPerMillionTokensUsd: string | null;
  /** Monthly tokens at which the deployment costs what the API would; null when today's cost per token is unknown or zero. */
  breakEvenMonthlyTokens: string | null;
  /** Today's monthly volume exceeds the capacity (the scenario still prices it at the per-token rate). */
  capacityExceeded: boolean;
}

const round10 = (d: Dec) => d.toDecimalPlaces(10, DecimalBase.ROUND_HALF_EVEN);

export function hourlyCost(spec: SelfHostedSpec): Dec {
  const perGpu = spec.hourlyPriceUsd
    ? new Decimal(spec.hourlyPriceUsd)
    : new Decimal(spec.purchasePriceUsd!).div(new Decimal(spec.amortisationMonths!).mul(HOURS_PER_MONTH));
  return perGpu.mul(spec.gpuCount);
}

/** USD per million tokens at the spec's utilisation (rounded to 10 decimals: the rate the scenario charges). */
export function costPerMillionTokens(spec: SelfHostedSpec): Dec {
  const tokensPerHour = new Decimal(spec.tokensPerSecond).mul(3600).mul(spec.utilisation);
  return round10(hourlyCost(spec).div(tokensPerHour).mul(1_000_000));
}

/**
 * `tokens` and `apiListCostUsd`: the workflow's input + output tokens and list cost over `days` days
 * of baseline (priced usage only for the cost per token).
 */
export function estimateSelfHosted(
  workflow: string,
  spec: SelfHostedSpec,
  usage: { tokens: number; pricedTokens: number; apiListCostUsd: string | null; days: number },
): SelfHostedEstimate {
  const hourly = hourlyCost(spec);
  const monthly = hourly.mul(HOURS_PER_MONTH);
  const capacity = new Decimal(spec.tokensPerSecond).mul(3600).mul(spec.utilisation).mul(HOURS_PER_MONTH);
  const perMonth = new Decimal(usage.tokens).mul(HOURS_PER_MONTH).div(new Decimal(usage.days).mul(24));
  const apiPerToken =
    usage.apiListCostUsd !== null && usage.pricedTokens > 0 ? new Decimal(usage.apiListCostUsd).div(usage.pricedTokens) : null;
  return {
    workflow,
    spec,
    hourlyCostUsd: round10(hourly).toFixed(),
    monthlyCostUsd: round10(monthly).toFixed(),
    capacityTokensPerMonth: capacity.ceil().toFixed(),
    costPerMillionTokensUsd: costPerMillionTokens(spec).toFixed(),
    workflowTokensPerMonth: perMonth.ceil().toFixed(),
    apiCostPerMillionTokensUsd: apiPerToken === null ? null : round10(apiPerToken.mul(1_000_000)).toFixed(),
    breakEvenMonthlyTokens: apiPerToken === null || apiPerToken.isZero() ? null : monthly.div(apiPerToken).ceil().toFixed(),
    capacityExceeded: perMonth.gt(capacity),
  };
}
