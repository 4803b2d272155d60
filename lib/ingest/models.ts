/**
 * Model id normalisation and "who made it" inference. Vendor = who bills; creator = whose model.
 * Normalised ids drop provider prefixes and trailing date stamps so that list prices and
 * dashboards group "gpt-4.1-nano-2025-04-14" with "gpt-4.1-nano".
 */

const CREATOR_PATTERNS: [RegExp, string][] = [
  [/^(gpt-|o\d|chatgpt|text-embedding|davinci|babbage|codex|computer-use|omni-moderation|whisper|tts-|dall-e)/, 'openai'],
  [/^claude/, 'anthropic'],
  [/^grok/, 'xai'],
  [/^deepseek/, 'deepseek'],
  [/^(gemini|gemma|palm)/, 'google'],
  [/^(mistral|mixtral|codestral|ministral|magistral|devstral|pixtral)/, 'mistral'],
  [/^(llama|meta-llama)/, 'meta'],
  [/^(command|c4ai)/, 'cohere'],
  [/^(qwen|qwq)/, 'alibaba'],
  [/^kimi|^moonshot/, 'moonshot'],
];

/**
 * Both functions below are pure and a file names a handful of models over millions of records, so their
 * results are memoised (bounded: cleared past 10,000 distinct ids).
 */
const normalised = new Map<string, string | null>();
const creators = new Map<string, string | null>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, value);
  return value;
}

/** Lower case, no "provider/" prefix, no trailing -YYYY-MM-DD or -YYYYMMDD date stamp. */
export function normaliseModel(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const hit = normalised.get(raw);
  if (hit !== undefined) return hit;
  let m = raw.trim().toLowerCase();
  const slash = m.lastIndexOf('/');
  if (slash >= 0) m = m.slice(slash + 1);
  m = m.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '');
  return remember(normalised, raw, m || null);
}

export function modelCreator(model: string | null): string | null {
  if (!model) return null;
  const hit = creators.get(model);
  if (hit !== undefined) return hit;
  for (const [re, creator] of CREATOR_PATTERNS) if (re.test(model)) return remember(creators, model, creator);
  return remember(creators, model, null);
}
