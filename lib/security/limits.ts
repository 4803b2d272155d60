/**
 * Request body limits with messages that say what to do instead. The upload route checks the
 * declared Content-Length first and also counts the bytes as they arrive (a chunked upload declares
 * none), so an oversized body is refused without being held in memory.
 */

const MB = 1024 * 1024;

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}

export function uploadTooLargeMessage(bytes: number | null, maxBytes: number): string {
  return `File too large: ${bytes === null ? 'the upload' : mb(bytes)} is over the ${mb(maxBytes)} upload limit (ITEMIZED_MAX_UPLOAD_MB). Load bigger files on the server with \`itemized ingest <file>\`.`;
}

export class BodyTooLargeError extends Error {
  constructor(
    readonly maxBytes: number,
    bytes: number | null,
  ) {
    super(uploadTooLargeMessage(bytes, maxBytes));
  }
}

export interface LimitedRequest {
  request: Request;
  /** True once more than maxBytes arrived (the body then errors, whatever error the parser reports). */
  exceeded(): boolean;
}

/**
 * The request with a body that errors once more than maxBytes arrive; a BodyTooLargeError at once
 * when the declared Content-Length is already over.
 */
export function limitRequestBody(request: Request, maxBytes: number): LimitedRequest | BodyTooLargeError {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return new BodyTooLargeError(maxBytes, declared);
  let seen = 0;
  let over = false;
  if (!request.body) return { request, exceeded: () => false };
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          over = true;
          controller.error(new BodyTooLargeError(maxBytes, null));
        } else controller.enqueue(chunk);
      },
    }),
  );
  // duplex is required by Node's fetch for a streamed body; the DOM RequestInit type does not list it.
  const init = { method: request.method, headers: request.headers, body: counted, duplex: 'half' } as RequestInit;
  return { request: new Request(request.url, init), exceeded: () => over };
}
