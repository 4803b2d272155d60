/**
 * OpenTelemetry GenAI provider names (`gen_ai.provider.name`, the deprecated `gen_ai.system`) -> our vendor ids (who
 * bills). Shared by the Langfuse source (OTel attributes kept on observations) and the OTLP span source.
 * Legacy non-registry values seen in the wild are mapped where they name a biller: pydantic-ai's `google-gla` (the
 * Gemini API); `openai.responses`-style values by their first segment. Google ADK's `gcp.vertex.agent` and
 * `microsoft.agent_framework` name a framework, not who bills (ADK also runs on the Gemini API): not mapped.
 */
const PROVIDERS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  'aws.bedrock': 'aws_bedrock',
  'az.ai.openai': 'azure_openai',
  'azure.ai.openai': 'azure_openai',
  'azure.ai.inference': 'azure_ai',
  'gcp.vertex_ai': 'google_vertex',
  'gcp.gemini': 'google',
  'gcp.gen_ai': 'google',
  'google-gla': 'google',
  x_ai: 'xai',
  xai: 'xai',
  deepseek: 'deepseek',
  mistral_ai: 'mistral',
  mistralai: 'mistral',
  cohere: 'cohere',
  groq: 'groq',
  perplexity: 'perplexity',
  'ibm.watsonx.ai': 'ibm_watsonx',
};

/** Our vendor id for a GenAI provider name, or null when the name is unknown or names a framework. */
export function genAiVendor(name: string | null | undefined): string | null {
  const p = name?.trim().toLowerCase();
  if (!p) return null;
  if (PROVIDERS[p]) return PROVIDERS[p];
  const first = p.split('.')[0];
  return first !== p ? (PROVIDERS[first] ?? null) : null;
}
