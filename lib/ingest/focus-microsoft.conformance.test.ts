/**
 * Microsoft's own FOCUS material in ../shared/samples/focus (read in place): the FocusCost 1.2-preview column
 * metadata (every column an Azure cost export can carry, ~60 of them `x_` extensions) and the FinOps toolkit's
 * Services.csv (ConsumedService / ResourceType → ServiceName and ServiceCategory). Neither is a bill, so the rows
 * below are built from them: a row with every column of the metadata, and one row per service of Services.csv.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { expect, test } from 'vitest';
import { samplePath } from '../../test/samples';
import { ingestText } from './openai-testing';

interface MetaColumn {
  ColumnName: string;
  DataType: 'String' | 'Decimal' | 'DateTime' | 'JSON' | 'Boolean' | 'Number';
}
const META: { FocusVersion: string; Columns: MetaColumn[] } = JSON.parse(
  fs.readFileSync(samplePath('focus/microsoft-FocusCost_1.2-preview.metadata.json'), 'utf8'),
);
const SERVICES: Record<string, string>[] = parse(fs.readFileSync(samplePath('focus/microsoft-finops-toolkit-Services.csv')), {
  columns: true,
  bom: true,
});

/** A plausible value per metadata data type, for the columns a test does not set itself. */
function filler(c: MetaColumn): string {
  switch (c.DataType) {
    case 'Decimal':
    case 'Number':
      return '1';
    case 'DateTime':
      return '2025-06-01T00:00:00Z';
    case 'JSON':
      return '{}';
    case 'Boolean':
      return 'false';
    default:
      return `${c.ColumnName}-value`;
  }
}

/** One Azure AI Services charge billed in euros: EUR 10.00, USD 10.80 by Microsoft's exchange rate. */
const SET: Record<string, string> = {
  BilledCost: '10.00',
  BillingCurrency: 'EUR',
  x_BilledCostInUsd: '10.80',
  x_BillingExchangeRate: '1.08',
  ChargeCategory: 'Usage',
  ChargePeriodStart: '2025-06-01T00:00:00Z',
  ChargePeriodEnd: '2025-06-02T00:00:00Z',
  ProviderName: 'Microsoft',
  ServiceName: 'Azure AI Services',
  ServiceCategory: 'AI and Machine Learning',
  ResourceType: 'microsoft.cognitiveservices/accounts',
  Tags: '{"team":"search"}',
};

test('a row with every column of the 1.2-preview metadata: detected as FOCUS, currency kept, USD figure in tags', async () => {
  expect(META.FocusVersion).toBe('1.2');
  const columns = META.Columns.map((c) => c.ColumnName);
  expect(columns).toHaveLength(106);
  for (const k of Object.keys(SET)) expect(columns).toContain(k);
  const row = META.Columns.map((c) => SET[c.ColumnName] ?? filler(c));
  const r = await ingestText(stringify([columns, row]), 'azure-focus-1.2.csv');
  expect(r.source).toBe('focus');
  expect(r.issues).toEqual([]);
  expect(r.costs).toHaveLength(1);
  expect(r.costs[0]).toMatchObject({ vendor: 'azure_openai', billedCostUsd: '10', currency: 'EUR', service: 'Azure AI Services' });
  expect(r.costs[0].tags).toMatchObject({ cloud: 'azure', ai_service: true, x_BilledCostInUsd: '10.8', team: 'search' });
});

test("Services.csv: every Azure service is AI exactly when Microsoft files it under AI and Machine Learning; only AI Services' accounts bill as azure_openai", async () => {
  const header = [
    'BilledCost',
    'BillingCurrency',
    'ChargeCategory',
    'ChargePeriodStart',
    'ChargePeriodEnd',
    'ProviderName',
    'ServiceName',
    'ServiceCategory',
    'ServiceSubcategory',
    'ResourceType',
    'ResourceId',
  ];
  const rows = SERVICES.map((s, i) => [
    '1.00',
    'USD',
    'Usage',
    '2025-06-01T00:00:00Z',
    '2025-06-02T00:00:00Z',
    'Microsoft',
    s.ServiceName,
    s.ServiceCategory,
    s.ServiceSubcategory,
    s.ResourceType,
    `/subscriptions/x/resource-${i}`,
  ]);
  const r = await ingestText(stringify([header, ...rows]), 'azure-services.csv');
  expect(r.source).toBe('focus');
  expect(r.issues).toEqual([]);
  expect(r.costs).toHaveLength(SERVICES.length);
  const aiByUs = r.costs.map((c) => c.tags?.ai_service === true);
  const aiByMicrosoft = SERVICES.map((s) => s.ServiceCategory === 'AI and Machine Learning');
  expect(aiByUs).toEqual(aiByMicrosoft);
  expect(aiByMicrosoft.filter(Boolean)).toHaveLength(15);
  // Azure AI Search is filed under Analytics: its name alone does not make it AI spend.
  const search = r.costs.find((c) => c.service === 'Azure AI Search');
  expect(search?.tags?.ai_service).toBeUndefined();
  const resourceType = (id: unknown) => SERVICES[Number(String(id).split('-').pop())].ResourceType;
  const llm = r.costs.filter((c) => c.vendor === 'azure_openai').map((c) => resourceType(c.tags?.ResourceId));
  expect(llm).toEqual(['microsoft.cognitiveservices/accounts', 'microsoft.cognitiveservices/commitmentplans']);
  expect(r.costs.filter((c) => c.vendor !== 'azure_openai').every((c) => c.vendor === 'azure')).toBe(true);
});
