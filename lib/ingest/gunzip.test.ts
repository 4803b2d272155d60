/** Decompression bounds: gzip bombs are refused quickly in bounded memory; ordinary gzip files still read. */
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { DEFAULT_DECOMPRESSION, type DecompressionLimits } from './gunzip';
import { gzipBomb, peakRssGrowth } from './gunzip-testing';
import { openRecords } from './read';
import { IngestFileError } from './types';

const GB = 1024 * 1024 * 1024;

async function readAll(input: AsyncIterable<Buffer>, limits?: DecompressionLimits): Promise<number> {
  const opened = await openRecords(input, 'bomb.gz', limits);
  let n = 0;
  for await (const _ of opened.items) n++;
  return n;
}

async function* one(b: Buffer): AsyncIterable<Buffer> {
  yield b;
}

async function refusal(p: Promise<unknown>): Promise<IngestFileError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(IngestFileError);
  return e as IngestFileError;
}

// Without the bounds the first would be 1 GB of blank lines to scan, the second 1 GB of spaces inside a JSON array.
test.each([
  ['a JSONL record then 1 GB of newlines', '\n', '{"a":1}\n'],
  ['a JSON array then 1 GB of spaces', ' ', '[{"a":1},'],
])('%s, gzipped on the fly: refused by the ratio bound in under 5 s, memory flat', async (_name, fill, head) => {
  const { result, growth, ms } = await peakRssGrowth(() => refusal(readAll(gzipBomb(GB, fill, head))));
  expect(result.code).toBe('decompression_limit');
  expect(result.message).toMatch(/inflates more than 200:1 .*ITEMIZED_MAX_DECOMPRESSION_RATIO/);
  expect(ms).toBeLessThan(5_000);
  expect(growth).toBeLessThan(150 * 1024 * 1024);
});

test('1 GB of zeros: binary zeros are refused as not text; ASCII zeros (one endless CSV field) by the record bound', async () => {
  const binary = await peakRssGrowth(() => refusal(readAll(gzipBomb(GB, '\0'))));
  expect(binary.result.code).toBe('not_text');
  const ascii = await peakRssGrowth(() => refusal(readAll(gzipBomb(GB, '0'))));
  expect(ascii.result.message).toMatch(/Max Record Size|inflates more than 200:1/);
  for (const r of [binary, ascii]) {
    expect(r.ms).toBeLessThan(5_000);
    expect(r.growth).toBeLessThan(150 * 1024 * 1024);
  }
});

test('the size bound: past maxBytes is refused naming ITEMIZED_MAX_DECOMPRESSED_MB, whatever the ratio', async () => {
  const limits = { maxBytes: 4 * 1024 * 1024, maxRatio: 1e9, ratioFloorBytes: 0 };
  const e = await refusal(readAll(gzipBomb(64 * 1024 * 1024, '\n', '{"a":1}\n'), limits));
  expect(e.code).toBe('decompression_limit');
  expect(e.message).toMatch(/beyond the limit of 4 MiB \(ITEMIZED_MAX_DECOMPRESSED_MB\)/);
});

test('below the ratio floor a highly compressible file is fine, and an ordinary gzip file reads whole', async () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: i, v: 'x'.repeat(40) })).join('\n');
  expect(gzipSync(lines).length * DEFAULT_DECOMPRESSION.maxRatio).toBeGreaterThan(lines.length); // under 200:1
  expect(await readAll(one(gzipSync(lines)))).toBe(20_000);
  // 3 MiB of blank lines: ~1000:1, but under the 4 MiB floor.
  expect(await readAll(gzipBomb(3 * 1024 * 1024, '\n', '{"a":1}\n'))).toBe(1);
});
