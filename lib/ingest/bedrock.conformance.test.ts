/**
 * The real Bedrock sample (shared/samples/aws-bedrock, read in place) is a Converse *response body*, not a
 * model-invocation log record: it has no requestId, modelId or timestamp, so bedrockSource does not claim it
 * and would not make an event of it. Its usage object is what an invocation log's output.outputBodyJson
 * carries for Converse, so it is checked here through bedrockBodyUsage, which the source uses for that.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { bedrockBodyUsage, bedrockSource } from './bedrock';
import { IssueSink } from './fields';
import { openRecords } from './read';

const SAMPLE = path.resolve(import.meta.dirname, '../../../shared/samples/aws-bedrock/converse-response-reasoning.vercel-ai.json');

test('every sample is covered', () => {
  expect(fs.readdirSync(path.dirname(SAMPLE))).toEqual([path.basename(SAMPLE)]);
});

test('the Converse response body is not claimed as an invocation log', async () => {
  const opened = await openRecords(fs.createReadStream(SAMPLE), SAMPLE);
  expect(opened.framing).toBe('json');
  expect(bedrockSource.detect(opened.first?.value, SAMPLE)).toBe(false);
});

test('its usage reads both cache spellings; reasoning stays inside output (51 + 78 = 129)', () => {
  const body = JSON.parse(fs.readFileSync(SAMPLE, 'utf8'));
  const sink = new IssueSink({ file: SAMPLE });
  expect(bedrockBodyUsage(body, 'output.outputBodyJson.', sink)).toEqual({
    uncachedInput: 51,
    cacheRead: 0,
    cacheWrite: 0,
    output: 78,
    total: 129,
    latencyMs: 2202,
    toolCalls: 0,
  });
  expect(sink.issues).toEqual([]);
});
