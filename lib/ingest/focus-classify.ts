/**
 * FOCUS provider and service classification (FORMATS.md 7, "Cloud-hosted LLM charges in cloud cost exports").
 *
 * Vendor rule: a cost line's vendor is who bills for the thing bought. Hosted LLM services get the AI
 * vendor ids DESIGN.md lists (aws_bedrock, azure_openai, google_vertex), so their cost lines line up with
 * the usage events gateways report under the same ids (LiteLLM, Langfuse, Bedrock logs). Everything else,
 * other AI/ML services included (SageMaker, Azure Machine Learning: compute, not model tokens), keeps the
 * cloud id (aws, azure, gcp, oracle). The cloud is always kept in tags.cloud and every AI/ML row is
 * flagged tags.ai_service = true.
 */

export type Row = Record<string, string | null>;

/** ProviderName / ServiceProviderName (FOCUS 1.3) to our cloud ids. Unknown names become a lower-case slug. */
const CLOUDS: [RegExp, string][] = [
  [/^(aws|amazon web services(,? inc\.?)?)$/i, 'aws'],
  [/^(microsoft|microsoft azure|azure)$/i, 'azure'],
  [/^(google|google cloud( platform)?|gcp)$/i, 'gcp'],
  [/^(oracle|oracle cloud( infrastructure)?|oci)$/i, 'oracle'],
  [/^alibaba cloud$/i, 'alibaba'],
];

export function cloudOf(provider: string): string {
  for (const [re, id] of CLOUDS) if (re.test(provider.trim())) return id;
  return (
    provider
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'unknown'
  );
}

const AI_CATEGORY = 'ai and machine learning';

/** Names of AI/ML services and model meters, matched against the service, SKU and meter names. */
const AI_NAMES =
  /bedrock|openai|vertex ai|cognitive ?services|sagemaker|machine learning|azure ai|ai services|ai foundry|foundry models|generative ai|gemini|claude|anthropic/i;

/** The text columns the AI name test reads: service, subcategory, SKU meter and resource type (not free-form descriptions). */
const NAME_COLUMNS = [
  'ServiceName',
  'ServiceSubcategory',
  'SkuMeter',
  'x_SkuMeterName',
  'x_SkuMeterCategory',
  'ResourceType',
  'x_ResourceType',
];

/**
 * The provider's own ServiceCategory decides when it names a category (Microsoft files Azure AI Search under
 * Analytics although its name says AI). Names decide for rows without one or filed under "Other" (where some
 * exports put marketplace models).
 */
export function isAiService(row: Row): boolean {
  const category = row.ServiceCategory?.trim().toLowerCase();
  if (category === AI_CATEGORY) return true;
  if (category && category !== 'other') return false;
  return NAME_COLUMNS.some((c) => {
    const v = row[c];
    return v ? AI_NAMES.test(v) : false;
  });
}

/** The hosted-LLM vendor id for a row, or null when it is not a hosted model service. */
export function aiVendorOf(cloud: string, row: Row): string | null {
  const service = row.ServiceName ?? '';
  const names = [service, row.x_SkuMeterCategory, row.x_SkuMeterName, row.SkuMeter, row.ResourceType, row.x_ResourceType, row.ResourceId]
    .filter(Boolean)
    .join(' ');
  // AWS: the Bedrock product, and Marketplace model products named "... (Amazon Bedrock Edition)".
  if (cloud === 'aws' && /bedrock/i.test(`${service} ${row.SkuId ?? ''}`)) return 'aws_bedrock';
  // Azure: Azure OpenAI / Azure AI Services / Cognitive Services land on microsoft.cognitiveservices accounts.
  if (cloud === 'azure' && /openai|azure ai services|cognitive ?services|foundry models|microsoft\.cognitiveservices/i.test(names))
    return 'azure_openai';
  // Google: Vertex AI (and the Gemini API billed through the cloud account).
  if (cloud === 'gcp' && /vertex ai|gemini/i.test(service)) return 'google_vertex';
  return null;
}
