import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { IssueSink } from './fields';
import { costLine, focusSource, parseTags } from './focus';
import { aiVendorOf, cloudOf, isAiService } from './focus-classify';
import { parseInput } from './pipeline';
import { openRecords } from './read';
import type { CostLine, IngestIssue } from './types';

const dir = path.resolve(import.meta.dirname, '__fixtures__/focus');

/** openRecords + focusSource.parse, as the pipeline does once the source is registered (bad framing records fail the test). */
async function ingest(file: string, bytes?: Buffer): Promise<{ costs: CostLine[]; issues: IngestIssue[]; detected: boolean }> {
  const input = bytes ? Readable.from([bytes]) : fs.createReadStream(file);
  const opened = await openRecords(input, file);
  const detected = focusSource.detect(opened.first?.value, file);
  const ctx = { file, framing: opened.framing, fallbackTime: new Date('2026-01-01T00:00:00Z'), fallbackIsMtime: true };
  async function* good() {
    for await (const it of opened.items) {
      if ('bad' in it) throw new Error(it.bad.message);
      yield it;
    }
  }
  const costs: CostLine[] = [];
  const issues: IngestIssue[] = [];
  for await (const it of focusSource.parse(good(), ctx)) {
    if (it.kind === 'cost') costs.push(it.cost);
    else if (it.kind === 'issue') issues.push(it.issue);
  }
  return { costs, issues, detected };
}

describe('focus: AI charges in a FOCUS 1.2 export', () => {
  const file = path.join(dir, 'focus-1.2-ai-charges.csv');

  test('maps every row; hosted LLM services get the AI vendor ids, the cloud stays in tags', async () => {
    const r = await ingest(file);
    expect(r.detected).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.costs.map((c) => [c.vendor, c.tags?.cloud, c.tags?.ai_service ?? false, c.chargeCategory])).toEqual([
      ['aws_bedrock', 'aws', true, 'usage'],
      ['aws_bedrock', 'aws', true, 'usage'],
      ['azure_openai', 'azure', true, 'usage'],
      ['google_vertex', 'gcp', true, 'usage'],
      ['aws', 'aws', true, 'usage'],
      ['aws_bedrock', 'aws', true, 'tax'],
      ['snowflake_inc', 'snowflake_inc', false, 'purchase'],
    ]);
  });

  test('Bedrock Marketplace line field by field', async () => {
    const [bedrock, correction] = (await ingest(file)).costs;
    expect(bedrock).toMatchObject({
      periodStart: new Date('2025-10-01T00:00:00Z'),
      periodEnd: new Date('2025-10-02T00:00:00Z'),
      vendor: 'aws_bedrock',
      service: 'Claude Sonnet 4.5 (Amazon Bedrock Edition)',
      lineItem: 'USE1-MP:USE1_InputTokenCount-Units',
      chargeCategory: 'usage',
      model: null,
      billedCostUsd: '3.703701',
      listCostUsd: '3.703701',
      currency: 'USD',
      project: 'ml-platform',
      apiKey: null,
      quantity: '1234567',
      quantityUnit: 'Tokens',
    });
    expect(bedrock.tags).toEqual({
      team: 'search',
      feature: 'rerank',
      ServiceCategory: 'AI and Machine Learning',
      ServiceSubcategory: 'Generative AI',
      RegionId: 'us-east-1',
      SkuId: 'SKU-CLAUDE-IN',
      SkuPriceId: 'SKU-CLAUDE-IN.PRICE',
      SkuMeter: 'InputTokenCount',
      SubAccountId: '111122223333',
      BillingAccountId: '111122223333',
      PublisherName: 'Anthropic',
      EffectiveCost: '3.703701',
      ProviderName: 'AWS',
      cloud: 'aws',
      ai_service: true,
    });
    // The correction keeps ChargeClass in tags, its negative amounts exact, and a key of its own.
    expect(correction).toMatchObject({ billedCostUsd: '-0.1', quantity: '-33333', chargeCategory: 'usage' });
    expect(correction.tags?.ChargeClass).toBe('Correction');
    expect(correction.dedupeKey).not.toBe(bedrock.dedupeKey);
    expect(bedrock.dedupeKey).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a non-USD row keeps its amount and currency, with the exporter USD figure and rate in tags', async () => {
    const azure = (await ingest(file)).costs[2];
    expect(azure).toMatchObject({
      vendor: 'azure_openai',
      service: 'Azure AI Services',
      billedCostUsd: '12.3456789012345',
      listCostUsd: '13',
      currency: 'EUR',
      project: 'Prod subscription',
      quantity: '4938.271',
      quantityUnit: '1K Tokens',
    });
    // Azure's brace-less tag spelling is read as the JSON object it stands for.
    expect(azure.tags).toMatchObject({
      env: 'prod',
      'cost-center': '42',
      x_BilledCostInUsd: '13.4037',
      x_BillingExchangeRate: '1.0857',
      x_SkuMeterName: 'gpt-4o-0806-Inp-glbl Tokens',
    });
  });

  test('NULL consumed quantity falls back to pricing quantity; lower-case currency; odd Tags kept raw', async () => {
    const { costs } = await ingest(file);
    expect(costs[3]).toMatchObject({ currency: 'USD', quantity: '320', quantityUnit: 'Count', billedCostUsd: '0.0000004' });
    expect(costs[4].tags).toMatchObject({ Tags_raw: 'not json at all', ai_service: true });
    expect(costs[5]).toMatchObject({ quantity: null, quantityUnit: null, billedCostUsd: '1.25' });
  });

  test('gzip is handled by framing and gives the same lines', async () => {
    const plain = await ingest(file);
    const zipped = await ingest(`${file}.gz`, gzipSync(fs.readFileSync(file)));
    expect(zipped.costs).toEqual(plain.costs);
  });

  test('re-ingesting gives the same keys', async () => {
    const a = await ingest(file);
    const b = await ingest(file);
    expect(a.costs.map((c) => c.dedupeKey)).toEqual(b.costs.map((c) => c.dedupeKey));
    expect(new Set(a.costs.map((c) => c.dedupeKey)).size).toBe(a.costs.length);
  });
});

describe('focus: bad input never throws', () => {
  test('each bad row is an issue naming line, field and what was expected; good rows still load', async () => {
    const f = path.join(dir, 'focus-bad-rows.csv');
    const r = await ingest(f);
    expect(r.costs.map((c) => c.lineItem)).toEqual(['good row']);
    expect(r.issues).toEqual([
      { file: f, line: 2, field: 'BilledCost', message: 'expected a decimal amount, got "abc"' },
      { file: f, line: 3, field: 'ChargePeriodStart', message: 'expected an ISO-8601 timestamp or unix seconds, got "yesterday"' },
      { file: f, line: 4, field: 'ChargeCategory', message: 'expected one of Usage, Purchase, Tax, Credit, Adjustment, got "Refund"' },
      {
        file: f,
        line: 5,
        field: 'ChargePeriodEnd',
        message: 'expected the charge period end at or after its start (2025-10-01T01:00:00.000Z), got 2025-10-01T00:00:00.000Z',
      },
      { file: f, line: 6, field: 'BilledCost', message: 'expected the billed amount (a decimal), got nothing' },
      { file: f, line: 6, field: 'BillingCurrency', message: 'expected an ISO 4217 currency code, got null' },
      { file: f, line: 6, field: 'ProviderName', message: 'expected the provider name (ProviderName or ServiceProviderName), got nothing' },
    ]);
  });

  test('missing required columns: one issue on line 1 naming them, no rows', async () => {
    const f = path.join(dir, 'focus-missing-columns.csv');
    const r = await ingest(f);
    expect(r.detected).toBe(false);
    expect(r.costs).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: f, line: 1, field: 'BilledCost, ChargePeriodEnd, ProviderName' });
    expect(r.issues[0].message).toMatch(/^missing FOCUS column\(s\) BilledCost, ChargePeriodEnd, ProviderName: /);
    // A header problem: the CLI then says --skip-invalid cannot help.
    expect(r.issues[0].header).toBe(true);
  });

  test('the same file detected from its content: unrecognised, but named as a FOCUS export lacking those columns', async () => {
    const f = path.join(dir, 'focus-missing-columns.csv');
    const parse = () => parseInput(Readable.from([fs.readFileSync(f)]), { file: f, fileMtime: new Date() });
    await expect(parse()).rejects.toThrow(
      /unrecognised format: CSV columns \[.*\] match no supported source; it looks like a FOCUS export but lacks BilledCost, ChargePeriodEnd, ProviderName \(FOCUS needs BilledCost, BillingCurrency, /,
    );
    // Two FOCUS names are not enough to call a CSV FOCUS: the general message, naming the supported sources.
    const other = Buffer.from('BillingCurrency,ChargeCategory,amount\nUSD,usage,1\n');
    await expect(parseInput(Readable.from([other]), { file: 'x.csv', fileMtime: new Date() })).rejects.toThrow(
      /match no supported source \(supported: .*focus.*\)/,
    );
  });

  test('costLine tolerates any strings', () => {
    const sink = new IssueSink({ file: 'x', line: 9 });
    expect(costLine({ BilledCost: '1e401', ChargePeriodStart: '2025-01-01', ChargePeriodEnd: '2025-01-02' }, sink)).toBeNull();
    expect(sink.issues.map((i) => i.field)).toEqual(['BilledCost', 'ChargeCategory', 'BillingCurrency', 'ProviderName']);
  });
});

describe('focus: detection and helpers', () => {
  test('detect claims FOCUS rows only', () => {
    expect(focusSource.detect({ BilledCost: '1', ChargePeriodStart: '2025-01-01' }, 'x.csv')).toBe(true);
    expect(focusSource.detect({ BilledCost: '1', ChargePeriodStart: '2025-01-01', amount_value: '1' }, 'x.csv')).toBe(false);
    expect(focusSource.detect({ BilledCost: '1' }, 'focus.csv')).toBe(false);
    expect(focusSource.detect({ BilledCost: 1, ChargePeriodStart: '2025-01-01' }, 'x.json')).toBe(true);
    expect(focusSource.detect({ BilledCost: 1, start_time: 1 }, 'x.json')).toBe(false);
    expect(focusSource.detect(null, 'x.csv')).toBe(false);
  });

  test('cloud ids', () => {
    expect(cloudOf('Amazon Web Services, Inc.')).toBe('aws');
    expect(['AWS', 'Microsoft', 'Google Cloud', 'Oracle', 'Oracle Cloud Infrastructure', 'Red Hat'].map(cloudOf)).toEqual([
      'aws',
      'azure',
      'gcp',
      'oracle',
      'oracle',
      'red_hat',
    ]);
  });

  test('AI classification', () => {
    expect(isAiService({ ServiceCategory: 'AI and Machine Learning' })).toBe(true);
    expect(isAiService({ ServiceCategory: 'Compute', ServiceName: 'Amazon EC2' })).toBe(false);
    expect(isAiService({ ServiceCategory: 'Other', ServiceName: 'Amazon Bedrock' })).toBe(true);
    expect(aiVendorOf('aws', { ServiceName: 'Amazon Bedrock' })).toBe('aws_bedrock');
    expect(aiVendorOf('aws', { ServiceName: 'Amazon SageMaker' })).toBeNull();
    expect(aiVendorOf('azure', { ServiceName: 'Azure OpenAI Service' })).toBe('azure_openai');
    expect(aiVendorOf('azure', { ServiceName: 'Cognitive Services' })).toBe('azure_openai');
    expect(aiVendorOf('azure', { ServiceName: 'Azure Machine Learning' })).toBeNull();
    expect(aiVendorOf('gcp', { ServiceName: 'Vertex AI' })).toBe('google_vertex');
  });

  test('Tags parsing', () => {
    expect(parseTags(null)).toEqual({ tags: null, raw: null });
    expect(parseTags('{"a": "b"}')).toEqual({ tags: { a: 'b' }, raw: null });
    expect(parseTags('"a": "b"')).toEqual({ tags: { a: 'b' }, raw: null });
    expect(parseTags('[1]')).toEqual({ tags: null, raw: '[1]' });
  });
});

describe('focus: JSON rows', () => {
  test('JSONL rows with numbers and a Tags object read like the CSV', async () => {
    const rows = [
      {
        BilledCost: 0.1,
        BillingCurrency: 'USD',
        ChargeCategory: 'Usage',
        ChargePeriodStart: '2025-10-01T00:00:00Z',
        ChargePeriodEnd: '2025-10-01T01:00:00Z',
        ProviderName: 'Google Cloud',
        ServiceName: 'Vertex AI',
        ConsumedQuantity: 1000,
        ConsumedUnit: 'Tokens',
        Tags: { team: 'search' },
        ListCost: null,
      },
      [1, 2],
      { BilledCost: '1', ChargePeriodStart: '2025-10-01' },
    ];
    const text = rows.map((r) => JSON.stringify(r)).join('\n');
    const r = await ingest('rows.jsonl', Buffer.from(text));
    expect(r.detected).toBe(true);
    expect(r.costs).toHaveLength(1);
    expect(r.costs[0]).toMatchObject({ vendor: 'google_vertex', billedCostUsd: '0.1', listCostUsd: null, quantity: '1000' });
    expect(r.costs[0].tags).toMatchObject({ team: 'search', cloud: 'gcp', ai_service: true });
    expect(r.issues).toEqual([
      { file: 'rows.jsonl', line: 2, message: 'expected a FOCUS row (an object of columns)' },
      { file: 'rows.jsonl', line: 3, field: 'ChargePeriodEnd', message: 'expected the charge period end (ISO-8601), got nothing' },
      {
        file: 'rows.jsonl',
        line: 3,
        field: 'ChargeCategory',
        message: 'expected one of Usage, Purchase, Tax, Credit, Adjustment, got null',
      },
      { file: 'rows.jsonl', line: 3, field: 'BillingCurrency', message: 'expected an ISO 4217 currency code, got null' },
      {
        file: 'rows.jsonl',
        line: 3,
        field: 'ProviderName',
        message: 'expected the provider name (ProviderName or ServiceProviderName), got nothing',
      },
    ]);
  });
});
