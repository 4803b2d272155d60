/**
 * gunzip with bounds on its output, against gzip bombs (a few KB that inflate to gigabytes): a most decompressed size
 * and a most decompressed:compressed ratio. Pushed bodies, uploaded files and CLI files all go through it (read.ts).
 */
import { type Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { IngestFileError } from './types';

/** Bounds on gunzip output, against gzip bombs (a few KB that inflate to gigabytes). */
export interface DecompressionLimits {
  /** Most bytes a gzip stream may inflate to. */
  maxBytes: number;
  /** Most decompressed bytes per compressed byte, checked once ratioFloorBytes have come out. */
  maxRatio: number;
  /** Below this much output the ratio is not checked: small, highly repetitive files are legitimate. */
  ratioFloorBytes: number;
}

export const DEFAULT_DECOMPRESSION: DecompressionLimits = { maxBytes: 1024 * 1024 * 1024, maxRatio: 200, ratioFloorBytes: 4 * 1024 * 1024 };

const mib = (n: number) => `${Number.isInteger(n / 1048576) ? n / 1048576 : (n / 1048576).toFixed(1)} MiB`;

/**
 * gunzip that stops with an IngestFileError('decompression_limit') as soon as the output passes either bound. Memory
 * stays flat: the stream is pulled by its consumer, so a bomb is refused after inflating at most ratioFloorBytes (or
 * maxBytes) once, and what came out is never held.
 */
export function boundedGunzip(compressed: Readable, file: string, limits: DecompressionLimits): Readable {
  let bytesOut = 0;
  const gunzip = createGunzip();
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytesOut += chunk.length;
      if (bytesOut > limits.maxBytes)
        return done(
          new IngestFileError('decompression_limit', {
            file,
            message: `gzip content inflates beyond the limit of ${mib(limits.maxBytes)} (ITEMIZED_MAX_DECOMPRESSED_MB): split it into smaller files`,
          }),
        );
      // bytesWritten counts the compressed bytes the engine has consumed, not those queued in front of it.
      const bytesIn = gunzip.bytesWritten;
      if (bytesOut > limits.ratioFloorBytes && bytesOut > limits.maxRatio * bytesIn)
        return done(
          new IngestFileError('decompression_limit', {
            file,
            message: `gzip content inflates more than ${limits.maxRatio}:1 (${mib(bytesOut)} from ${bytesIn} bytes; limit ITEMIZED_MAX_DECOMPRESSION_RATIO): refused as a likely decompression bomb`,
          }),
        );
      done(null, chunk);
    },
  });
  const stages = [compressed, gunzip, guard] as const;
  for (let i = 0; i < stages.length - 1; i++) {
    const next = stages[i + 1];
    stages[i].on('error', (e) => next.destroy(e));
  }
  // Stopping early (an error downstream, the consumer giving up) must stop reading the compressed input too.
  guard.on('close', () => compressed.destroy());
  return compressed.pipe(gunzip).pipe(guard);
}
