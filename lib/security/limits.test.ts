import { describe, expect, test } from 'vitest';
import { BodyTooLargeError, limitRequestBody, uploadTooLargeMessage } from './limits';

const MB = 1024 * 1024;

function streamOf(bytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      const n = Math.min(chunk, bytes - sent);
      sent += n;
      c.enqueue(new Uint8Array(n));
    },
  });
}

const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new Request('http://x/api/imports', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('upload size limit', () => {
  test('the message says how big, the limit, the setting and what to do instead', () => {
    expect(uploadTooLargeMessage(3.5 * MB, MB)).toBe(
      'File too large: 3.5 MB is over the 1.0 MB upload limit (ITEMIZED_MAX_UPLOAD_MB). Load bigger files on the server with `itemized ingest <file>`.',
    );
    expect(uploadTooLargeMessage(null, 512 * MB)).toBe(
      'File too large: the upload is over the 512 MB upload limit (ITEMIZED_MAX_UPLOAD_MB). Load bigger files on the server with `itemized ingest <file>`.',
    );
  });

  test('a declared Content-Length over the limit is refused before reading', () => {
    const r = limitRequestBody(post('x', { 'content-length': String(2 * MB) }), MB);
    expect(r).toBeInstanceOf(BodyTooLargeError);
    expect((r as BodyTooLargeError).message).toContain('2.0 MB is over the 1.0 MB upload limit');
  });

  test('an undeclared (chunked) body errors once it passes the limit; one at the limit reads whole', async () => {
    const over = limitRequestBody(post(streamOf(MB + 1)), MB);
    if (over instanceof BodyTooLargeError) throw over;
    await expect(over.request.arrayBuffer()).rejects.toThrow();
    expect(over.exceeded()).toBe(true);

    const at = limitRequestBody(post(streamOf(MB)), MB);
    if (at instanceof BodyTooLargeError) throw at;
    expect((await at.request.arrayBuffer()).byteLength).toBe(MB);
    expect(at.exceeded()).toBe(false);
  });
});
