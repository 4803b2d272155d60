/** JSONL framing: the same records whatever the chunking (ASCII chunks take a faster decode than UTF-8 ones). */
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { openRecords, type ReaderItem } from './read';

async function frame(chunks: Buffer[]): Promise<ReaderItem[]> {
  const opened = await openRecords(Readable.from(chunks, { objectMode: false }), 'x.jsonl');
  const out: ReaderItem[] = [];
  for await (const it of opened.items) out.push(it);
  return out;
}

/** The first 64 KB are read as one piece (for detection): the cases under test come after them. */
const FILLER_LINES = 1100;
const filler = `${'{"f":"0123456789012345678901234567890123456789012345678901"}\n'.repeat(FILLER_LINES)}`;
const text = `${filler}{"a":"plain"}\r\n{"b":"ünïcödé ✓ 😀"}\n\n{"c":"${'x'.repeat(300)}"}\n{"d":1}\n{bad\n{"e":"€"}`;
const bytes = Buffer.from(text, 'utf8');
const start = Buffer.byteLength(filler);

describe('frameJsonl', () => {
  test('every single cut point, including inside multi-byte characters, gives the same items', async () => {
    const whole = await frame([bytes]);
    expect(start).toBeGreaterThan(64 * 1024);
    expect(
      whole.slice(FILLER_LINES).map((i) => ('bad' in i ? `bad@${(i.bad.line ?? 0) - FILLER_LINES}` : JSON.stringify(i.value))),
    ).toEqual(['{"a":"plain"}', '{"b":"ünïcödé ✓ 😀"}', `{"c":"${'x'.repeat(300)}"}`, '{"d":1}', 'bad@6', '{"e":"€"}']);
    for (let cut = start - 1; cut < bytes.length; cut++) expect(await frame([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
  });

  test('tiny chunks (1 to 7 bytes) and a line spread over many chunks give the same items', async () => {
    const whole = await frame([bytes]);
    for (const size of [1, 2, 3, 5, 7]) {
      const chunks: Buffer[] = [bytes.subarray(0, start)];
      for (let i = start; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(await frame(chunks)).toEqual(whole);
    }
  });
});
