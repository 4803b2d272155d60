/**
 * A file far larger than the memory the loader may use: ~150 MB of log lines generated lazily
 * (never held whole) go through ingestFile; the JS heap must stay well below the input size.
 * The loader keeps two batches of COPY text in flight by design (load.ts: 2 x 16 MB at most); heapUsed also counts
 * garbage V8 has not collected yet, which varied between 37 and 68 MB of growth across runs under parallel test load
 * (a 64 MB bound failed one CI run). 96 MB still fails a loader that holds the file (143 MB) or its parsed rows.
 */
import { expect, test } from 'vitest';
import { openConnection } from '../db/client';
import { ingestFile } from '../lib/ingest/load';

const LINES = 200_000;
const PAD = 'x'.repeat(420); // makes each line ~750 bytes

test('ingest streams: heap growth stays under 96 MB for a ~150 MB input', async () => {
  const conn = await openConnection({ inMemory: true });
  try {
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let bytes = 0;
    async function* input() {
      for (let i = 0; i < LINES; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++)
          chunk += `${JSON.stringify({ request_id: `s-${j}`, timestamp: new Date(Date.UTC(2026, 0, 1) + j * 1000).toISOString(), metadata: { team: 'big', note: PAD }, response: { id: `chatcmpl-s${j}`, object: 'chat.completion', created: 1767225600, model: 'gpt-4.1-mini', choices: [], usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } } })}\n`;
        bytes += chunk.length;
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        yield Buffer.from(chunk);
      }
    }
    const r = await ingestFile(conn, { file: 'big.jsonl', input: input(), fileMtime: new Date() });
    expect(r).toMatchObject({ status: 'succeeded', rowsInserted: LINES });
    expect(bytes).toBeGreaterThan(140e6);
    console.log(`peak heap growth ${Math.round(peak / 2 ** 20)} MB for ${Math.round(bytes / 1e6)} MB of input`);
    expect(peak).toBeLessThan(96 * 1024 * 1024);
  } finally {
    await conn.close();
  }
}, 300_000);
