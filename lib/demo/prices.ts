/**
 * List prices the demo bills with, as integers of nano-USD (1e-9 USD) per token, so every daily amount
 * is an exact integer before it is formatted. The billing files equal list price x logged tokens
 * (no negotiated discount is planted).
 */

export interface OpenAiPrice {
  input: number;
  cachedInput: number;
  output: number;
}

export const OPENAI_NUSD: Record<string, OpenAiPrice> = {
  'gpt-5-2025-08-07': { input: 1250, cachedInput: 125, output: 10_000 },
  'gpt-5-mini-2025-08-07': { input: 250, cachedInput: 25, output: 2000 },
  'o4-mini-2025-04-16': { input: 1100, cachedInput: 275, output: 4400 },
  'gpt-4.1-mini-2025-04-14': { input: 400, cachedInput: 100, output: 1600 },
};

export interface AnthropicPrice {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  /** As the cost report's description prints it. */
  label: string;
}

export const ANTHROPIC_NUSD: Record<string, AnthropicPrice> = {
  'claude-opus-4-1-20250805': {
    input: 15_000,
    output: 75_000,
    cacheWrite5m: 18_750,
    cacheWrite1h: 30_000,
    cacheRead: 1500,
    label: 'Claude Opus 4.1',
  },
  'claude-sonnet-4-5-20250929': {
    input: 3000,
    output: 15_000,
    cacheWrite5m: 3750,
    cacheWrite1h: 6000,
    cacheRead: 300,
    label: 'Claude Sonnet 4.5',
  },
  'claude-haiku-4-5-20251001': {
    input: 1000,
    output: 5000,
    cacheWrite5m: 1250,
    cacheWrite1h: 2000,
    cacheRead: 100,
    label: 'Claude Haiku 4.5',
  },
};

/** xAI bills in ticks of 1e-10 USD: grok-3-mini $0.30 / $0.075 cached / $0.50 output per 1M tokens. */
export const XAI_TICKS: Record<string, { input: number; cachedInput: number; output: number }> = {
  'grok-3-mini': { input: 3000, cachedInput: 750, output: 5000 },
};

/** nano-USD -> USD rounded to 6 decimals, as a JSON number (the OpenAI Costs API's amount.value). */
export function nusdToUsdNumber(nusd: number): number {
  return Math.round(nusd / 1000) / 1e6;
}

/** nano-USD -> cents as an exact decimal string (the Anthropic cost report's amount): 1 nUSD = 1e-7 cents. */
export function nusdToCentsString(nusd: number): string {
  const n = Math.round(nusd);
  const whole = Math.floor(n / 1e7);
  const frac = String(n % 1e7)
    .padStart(7, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}
