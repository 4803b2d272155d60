/** Every supported source, in detection order (most specific first). */
import { anthropicCostsSource, anthropicUsageSource } from './anthropic';
import { bedrockSource } from './bedrock';
import { claudeCodeSource } from './claude-code';
import { codexSource } from './codex';
import { focusSource } from './focus';
import { heliconeSource } from './helicone';
import { langfuseSource } from './langfuse';
import { litellmSource } from './litellm';
import { openaiCostsSource, openaiUsageSource } from './openai';
import { openrouterSource } from './openrouter';
import { otelGenAiSource } from './otel-genai';
import { outcomesSource } from './outcomes';
import { responseLogSource } from './response-log';
import type { IngestSource } from './types';

const SOURCES: IngestSource[] = [
  openaiUsageSource,
  openaiCostsSource,
  anthropicUsageSource,
  anthropicCostsSource,
  claudeCodeSource,
  codexSource,
  litellmSource,
  openrouterSource,
  heliconeSource,
  langfuseSource,
  focusSource,
  bedrockSource,
  otelGenAiSource,
  outcomesSource,
  responseLogSource,
];

export function listSources(): IngestSource[] {
  return SOURCES;
}

export function getSource(id: string): IngestSource {
  const s = SOURCES.find((x) => x.id === id);
  if (!s) throw new Error(`unknown source "${id}" (expected one of: ${SOURCES.map((x) => x.id).join(', ')})`);
  return s;
}

export function detectSource(first: unknown, fileName: string): IngestSource | undefined {
  return SOURCES.find((s) => s.detect(first, fileName));
}
