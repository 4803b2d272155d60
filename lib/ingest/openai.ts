/**
 * OpenAI sources. The implementation is split by record family:
 * - openai-usage.ts: Usage API (completions) pages and the dashboard usage CSV -> UsageEvent per bucket row
 * - openai-costs.ts: Costs API pages and the dashboard cost CSV -> CostLine per bucket row
 * - openai-body.ts: one response body (Chat Completions, Responses, OpenAI-compatible vendors) -> BodyUsage,
 *   used by the response log source (response-log.ts)
 */
export { isOpenAiBody, mapOpenAiBody } from './openai-body';
export { modelFromLineItem, openaiCostsSource } from './openai-costs';
export { openaiUsageSource } from './openai-usage';
