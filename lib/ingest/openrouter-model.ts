/**
 * OpenRouter model slugs ("openai/gpt-4.1-2025-04-14", "meta-llama/llama-3.1-8b-instruct:free") split into the three
 * fields we keep apart: vendor (openrouter, who bills), model creator (the slug's author) and, elsewhere, the upstream
 * provider that served the call (tags.served_by, as for OpenRouter response bodies in openai-body.ts).
 */
import { modelCreator, normaliseModel } from './models';

/** OpenRouter author slugs whose spelling differs from our creator ids; other authors keep their slug. */
const AUTHORS: Record<string, string> = {
  'meta-llama': 'meta',
  mistralai: 'mistral',
  'x-ai': 'xai',
  qwen: 'alibaba',
  moonshotai: 'moonshot',
  'z-ai': 'zhipu',
  'amazon-nova': 'amazon',
};

export interface OpenRouterModel {
  model: string | null;
  modelRaw: string | null;
  modelCreator: string | null;
  /** The ":free" / ":thinking" / ":nitro" routing variant, which OpenRouter prices apart; null when none. */
  variant: string | null;
}

export function openRouterModel(slug: string | null): OpenRouterModel {
  if (!slug) return { model: null, modelRaw: null, modelCreator: null, variant: null };
  const colon = slug.lastIndexOf(':');
  const variant = colon > slug.lastIndexOf('/') && colon > 0 ? slug.slice(colon + 1) || null : null;
  const base = variant ? slug.slice(0, colon) : slug;
  const model = normaliseModel(base);
  const slash = base.indexOf('/');
  const author = slash > 0 ? base.slice(0, slash).toLowerCase() : null;
  // The slug's author is authoritative on OpenRouter; the id patterns only help for bare ids ("gpt-4o").
  const creator = author ? (AUTHORS[author] ?? author) : modelCreator(model);
  return { model, modelRaw: slug, modelCreator: creator, variant };
}
