// Sums the test reports into one line CI reads: "N passed, N failed".
// Each vitest/Playwright test counts once; lint, typecheck and build count as one test each.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
const notes = [];

for (const f of readdirSync(dir).filter((n) => n.endsWith('.status'))) {
  const name = f.replace(/\.status$/, '');
  const ok = readFileSync(path.join(dir, f), 'utf8').trim() === 'pass';
  if (name === 'vitest' || name === 'e2e') {
    if (!ok && !existsSync(path.join(dir, `${name === 'e2e' ? 'playwright' : 'vitest'}.json`))) {
      failed++;
      notes.push(`${name}: crashed before writing a report`);
    }
    continue;
  }
  ok ? passed++ : failed++;
  if (!ok) notes.push(`${name} failed`);
}

const vitest = path.join(dir, 'vitest.json');
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numPendingTests || r.numTodoTests) notes.push(`vitest: ${r.numPendingTests} skipped, ${r.numTodoTests} todo`);
  // A suite that fails to load has no tests in the counts: count it as a failure.
  for (const s of r.testResults ?? [])
    if (s.status === 'failed' && (s.assertionResults ?? []).length === 0) {
      failed++;
      notes.push(`vitest: ${s.name} failed to load: ${(s.message ?? '').slice(0, 200)}`);
    }
}

const pw = path.join(dir, 'playwright.json');
if (existsSync(pw)) {
  const s = JSON.parse(readFileSync(pw, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  if (s.skipped) notes.push(`playwright: ${s.skipped} skipped`);
}

for (const n of notes) console.log(`note: ${n}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
