'use client';

/**
 * Browser-wide setup, rendered once by the root layout. zod (used by client components and the auth
 * client) probes whether it may compile parsers with `new Function`; under our Content-Security-Policy,
 * which forbids eval, that probe is reported as a violation on every page. Jitless mode skips the probe
 * and compilation: parsing stays the same, slightly slower, and nothing needs eval.
 */
import { z } from 'zod';

z.config({ jitless: true });

export function ClientSetup() {
  return null;
}
