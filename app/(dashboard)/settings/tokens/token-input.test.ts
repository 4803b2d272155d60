/** The Create token form's reading: defaults, scopes, expiry presets and dates, and what is refused. */
import { expect, test } from 'vitest';
import { readTokenInput } from './token-input';

const NOW = new Date('2026-11-26T10:00:00Z');
function form(fields: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

test('name, both scopes, no expiry', () => {
  expect(
    readTokenInput(
      form([
        ['name', ' gw '],
        ['scope', 'ingest:files'],
        ['scope', 'ingest:traces'],
        ['expiresIn', ''],
      ]),
      NOW,
    ),
  ).toEqual({
    ok: true,
    name: 'gw',
    scopes: ['ingest:files', 'ingest:traces'],
    expiresAt: null,
  });
});

test.each([
  ['30d', '', '2026-12-26T10:00:00.000Z'],
  ['', '2026-12-31', '2027-01-01T00:00:00.000Z'], // through the end of that UTC day
  ['7d', '2026-12-31', '2027-01-01T00:00:00.000Z'], // a date wins over the preset
])('expiry %s / %s', (preset, date, want) => {
  const r = readTokenInput(
    form([
      ['name', 'gw'],
      ['scope', 'ingest:traces'],
      ['expiresIn', preset],
      ['expiresOn', date],
    ]),
    NOW,
  );
  expect(r).toMatchObject({ ok: true, scopes: ['ingest:traces'], expiresAt: new Date(want) });
});

test('refused: no name, no scope, an unknown scope, a past or impossible date', () => {
  expect(readTokenInput(form([['scope', 'ingest:files']]), NOW)).toEqual({ ok: false, fieldErrors: { name: expect.any(String) } });
  expect(readTokenInput(form([['name', 'gw']]), NOW)).toEqual({ ok: false, fieldErrors: { scope: 'choose at least one scope' } });
  expect(
    readTokenInput(
      form([
        ['name', 'gw'],
        ['scope', 'admin'],
      ]),
      NOW,
    ),
  ).toMatchObject({ fieldErrors: { scope: 'unknown scope "admin"' } });
  expect(
    readTokenInput(
      form([
        ['name', 'gw'],
        ['scope', 'ingest:files'],
        ['expiresOn', '2026-01-01'],
      ]),
      NOW,
    ),
  ).toMatchObject({
    fieldErrors: { expires: 'that date has passed' },
  });
  expect(
    readTokenInput(
      form([
        ['name', 'gw'],
        ['scope', 'ingest:files'],
        ['expiresOn', '2026-02-30'],
      ]),
      NOW,
    ),
  ).toMatchObject({
    fieldErrors: { expires: expect.stringMatching(/expected a date/) },
  });
});
