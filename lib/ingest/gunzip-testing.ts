/** Test support: gzip bombs made on the fly. Nothing in the app imports it. */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

/**
 * `head` then `total` bytes of `fill`, gzipped as they are pulled: nothing is written to disk or held in memory, and
 * a consumer that stops early stops the generation (1 GB of one character gzips to ~1 MB, about 1000:1).
 */
export function gzipBomb(total: number, fill = '0', head = ''): Readable {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let sent = 0;
  const plain = new Readable({
    read() {
      if (sent === 0 && head) this.push(Buffer.from(head));
      if (sent >= total) return void this.push(null);
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
  const gz = createGzip({ level: 9 });
  gz.on('close', () => plain.destroy());
  return plain.pipe(gz);
}

/** Samples resident memory while `run` works; returns the peak growth in bytes. */
export async function peakRssGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growth: number; ms: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const t0 = Date.now();
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - start, ms: Date.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}
