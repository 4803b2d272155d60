/**
 * Unicode fonts for the PDF statement when the machine has them (Debian's fonts-dejavu-core, which the
 * Chromium package pulls in). The writers stay pure: callers (CLI, route) look fonts up here and pass them.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
];

export function systemPdfFonts(): { regular: string; bold: string } | undefined {
  const found = CANDIDATES.find(([r, b]) => existsSync(r) && existsSync(b));
  return found ? { regular: found[0], bold: found[1] } : undefined;
}
