/**
 * Security headers. Pages get a Content-Security-Policy with a fresh nonce per request (proxy.ts):
 * Next.js reads the nonce from the request's CSP header and puts it on its own inline and chunk
 * scripts, and 'strict-dynamic' lets those load the rest, so no other script can run. Style
 * attributes stay allowed (style-src-attr): React renders style={...} props and recharts its
 * sizes and colours as attributes, which nonces cannot cover; CSS cannot run script. API responses
 * get a policy that allows nothing, since they are never documents.
 */

export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // React's dev overlay rebuilds server stacks with eval; production needs none.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // In development Next injects styles without a nonce, and a nonce would disable 'unsafe-inline'.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For JSON and other non-document responses. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** On every response (next.config.ts headers(), and the proxy's own redirects). */
export const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  // frame-ancestors 'none' for browsers that predate CSP level 2.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
