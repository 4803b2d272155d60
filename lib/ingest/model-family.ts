/**
 * Model families: the same model bought through OpenAI or Anthropic directly, OpenRouter, Bedrock, Vertex, Azure or a
 * LiteLLM proxy maps to one canonical id, taken from @pydantic/genai-prices' own data: the id of the model in the
 * catalog of the company that made it (its match rules recognise dated snapshots and aliases, e.g.
 * "gpt-4o-2024-08-06" → "gpt-4o", "claude-3-5-sonnet-20241022" and "claude-3.5-sonnet" → "claude-3-5-sonnet").
 * Reseller syntax is stripped first (OpenRouter's "vendor/model:variant", Bedrock's "us.anthropic.…-v2:0", Vertex's
 * "…@20241022", LiteLLM's "bedrock/…"). A model the catalog does not know keeps its normalised id as its family.
 *
 * Applied at query time to the stored model id (a usage_daily dimension), so grouping by family is exact, needs no
 * extra column or backfill, and follows a newer catalog without reloading anything. Pure and memoised.
 */
import { calcPrice } from '@pydantic/genai-prices';
import { modelCreator, normaliseModel } from './models';

export interface ModelFamily {
  /** Canonical id: the creator's catalog id, or the normalised id when the catalog does not know the model. */
  family: string;
  /** The catalog's display name when it has one ("Claude Sonnet 3.5"); else the family id. */
  name: string;
  /** genai-prices provider whose catalog named it (anthropic, openai, ...); null = not in the catalog. */
  catalog: string | null;
}

/** Our creator ids (models.ts, OpenRouter authors) to genai-prices provider ids. */
const CREATOR_PROVIDER: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  xai: 'x-ai',
  deepseek: 'deepseek',
  mistral: 'mistral',
  cohere: 'cohere',
  moonshot: 'moonshotai',
  amazon: 'aws',
};

/** Bedrock cross-region inference profile prefixes ("us.anthropic.…", "global.anthropic.…"). */
const BEDROCK_REGION = /^(us|eu|apac|us-gov|global|jp|au|ca)\./;
/** Bedrock model ids start with the maker ("anthropic.claude-…", "meta.llama3-…"). */
const BEDROCK_MAKER = /^(anthropic|meta|amazon|mistral|cohere|ai21|deepseek|openai|qwen|writer|moonshot|moonshotai)\./;

/** Lower case, reseller prefixes and suffixes removed; the creator the prefix names, if any. */
export function stripResellerSyntax(raw: string): { id: string; creatorHint: string | null } {
  let id = raw.trim().toLowerCase();
  let creatorHint: string | null = null;
  const parts = id.split('/').filter(Boolean);
  if (parts.length > 1) {
    // "anthropic/claude-3.5-sonnet" (OpenRouter author), "bedrock/anthropic.claude-…" (LiteLLM route): last part is the model.
    const author = parts[parts.length - 2];
    creatorHint = author.includes(':') ? null : (AUTHOR_CREATOR[author] ?? author); // ARNs name no maker
    id = parts[parts.length - 1];
  }
  id = id.replace(BEDROCK_REGION, '');
  const maker = BEDROCK_MAKER.exec(id);
  if (maker) {
    creatorHint = AUTHOR_CREATOR[maker[1]] ?? maker[1];
    id = id.slice(maker[0].length);
  }
  id = id
    .replace(/@\d{8}$/, '') // Vertex "claude-3-5-sonnet-v2@20241022"
    .replace(/-v\d+(:\d+)?(:\d+k)?$/, '') // Bedrock "-v2:0", "-v1:0:200k"
    .replace(/:[a-z0-9-]+$/, ''); // OpenRouter ":free", ":beta", ":thinking"
  return { id, creatorHint };
}

const AUTHOR_CREATOR: Record<string, string> = {
  'meta-llama': 'meta',
  mistralai: 'mistral',
  'x-ai': 'xai',
  moonshotai: 'moonshot',
  qwen: 'alibaba',
  // LiteLLM route prefixes name the channel, not the maker: the model id decides.
  bedrock: '',
  bedrock_converse: '',
  vertex_ai: '',
  azure: '',
  azure_ai: '',
  openrouter: '',
};

function catalogMatch(id: string, providerId: string | undefined): { id: string; name: string; provider: string } | null {
  try {
    const r = calcPrice({ input_tokens: 1, output_tokens: 1 }, id, providerId ? { providerId } : {});
    if (!r) return null;
    return { id: r.model.id, name: r.model.name ?? r.model.id, provider: r.provider.id };
  } catch {
    return null;
  }
}

/** Catalogs whose ids are their own routes, not the maker's: a match there names no family. */
const RESELLER_CATALOGS = new Set(['openrouter', 'aws', 'azure', 'together', 'fireworks', 'groq', 'novita', 'avian', 'ovhcloud']);

const cache = new Map<string, ModelFamily | null>();

/**
 * The catalog's display name when every word of it is in its id ("Claude Sonnet 3.5" for claude-3-5-sonnet), else
 * the id: one catalog entry can cover several ids under the name of one of them (the price data lists o4-mini as
 * "o4 Mini High"), which would mislabel the family.
 */
function displayName(id: string, name: string): string {
  const words = (s: string) =>
    s
      .toLowerCase()
      .split(/[\s_.-]+/)
      .filter(Boolean);
  const idWords = new Set(words(id));
  return words(name).every((w) => idWords.has(w)) ? name : id;
}

/** The family of a model id as stored (normalised) or as a source gave it (raw); null for a missing model. */
export function modelFamily(model: string | null | undefined): ModelFamily | null {
  if (!model) return null;
  const hit = cache.get(model);
  if (hit !== undefined) return hit;
  const { id, creatorHint } = stripResellerSyntax(model);
  const creator = creatorHint || modelCreator(id);
  const provider = creator ? CREATOR_PROVIDER[creator] : undefined;
  let found = provider ? catalogMatch(id, provider) : null;
  // No known creator: let the catalog find the provider from its own model patterns (makers only, not resellers).
  if (!found && !provider) {
    const any = catalogMatch(id, undefined);
    if (any && !RESELLER_CATALOGS.has(any.provider)) found = any;
  }
  const fallback = normaliseModel(id) ?? id;
  const result: ModelFamily = found
    ? { family: found.id, name: displayName(found.id, found.name), catalog: found.provider }
    : { family: fallback, name: fallback, catalog: null };
  if (cache.size > 10_000) cache.clear();
  cache.set(model, result);
  return result;
}
