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

/** Lower case, no "provider/" prefix, no trailing -YYYY-MM-DD or -YYYYMMDD date stamp. */
export function normaliseModel(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let m = raw.trim().toLowerCase();
  const slash = m.lastIndexOf('/');
  if (slash >= 0) m = m.slice(slash + 1);
  m = m.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '');
  return m || null;
}

export function modelCreator(model: string | null): string | null {
  if (!model) return null;
  for (const [re, creator] of CREATOR_PATTERNS) if (re.test(model)) return creator;
  return null;
}
