/** Column mappings: validation errors name the mapping key and its line; timestamp formats parse exactly. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatMappingError, parseColumnMapping, parseMappedTime } from './mapping';
import { FIXTURES } from './openai-testing';

const ok = (text: string) => {
  const r = parseColumnMapping(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.mapping;
};
const errors = (text: string) => {
  const r = parseColumnMapping(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map((e) => formatMappingError('map.yaml', e));
};

describe('parseColumnMapping', () => {
  test('the fixtures parse, with defaults filled in', () => {
    const m = ok(fs.readFileSync(path.join(FIXTURES, 'mapped-csv', 'gateway-export.yaml'), 'utf8'));
    expect(m).toMatchObject({
      name: 'acme-gateway',
      vendor_column: 'Provider',
      timestamp: { column: 'Created (UTC)', format: 'iso', timezone: 'UTC' },
      tokens: { input: 'Prompt Tokens', input_includes_cached: true, output_includes_reasoning: true },
      cost: { column: 'Cost (USD)', currency: 'USD', kind: 'reported', divide_by: 1 },
      period_seconds: 0,
    });
    expect(ok(fs.readFileSync(path.join(FIXTURES, 'mapped-csv', 'billing-eu.yaml'), 'utf8')).cost?.kind).toBe('billed');
  });

  test.each([
    [
      'a missing timestamp',
      'name: x\nvendor: openai\nmodel: m\n',
      ['map.yaml:1: timestamp: Invalid input: expected object, received undefined'],
    ],
    [
      'an unknown key, on its line',
      'name: x\nvendor: openai\ntimestamp: { column: t }\ntokens:\n  input: a\n  outptu: b\n',
      ['map.yaml:6: tokens.outptu: unknown mapping key'],
    ],
    [
      'both vendor and vendor_column',
      'name: x\nvendor: openai\nvendor_column: p\ntimestamp: { column: t }\nmodel: m\n',
      ['map.yaml:2: vendor: set exactly one of vendor (who bills, e.g. openai) or vendor_column (the column naming it)'],
    ],
    [
      'nothing to count',
      'name: x\nvendor: openai\ntimestamp: { column: t }\n',
      ['map.yaml:1: tokens: map at least one of model, tokens or cost: a row needs something to count'],
    ],
    [
      'a bad timestamp format',
      'name: x\nvendor: openai\nmodel: m\ntimestamp:\n  column: t\n  format: HH:mm\n',
      ['map.yaml:6: timestamp.format: expected iso, unix, unix_ms or a pattern with YYYY, MM and DD (and HH, mm, ss, SSS), got "HH:mm"'],
    ],
    [
      'a bad time zone and an empty column name',
      'name: x\nvendor: openai\nmodel: ""\ntimestamp: { column: t, timezone: Europe/Paris }\n',
      ['map.yaml:3: model: expected a CSV column name', 'map.yaml:4: timestamp.timezone: expected UTC or an offset such as +02:00'],
    ],
    [
      'a name that cannot be a key',
      'name: "my export!"\nvendor: openai\nmodel: m\ntimestamp: { column: t }\n',
      ['map.yaml:1: name: expected a short name: letters, digits, "_", "-" or "." (it is part of every dedupe key)'],
    ],
    ['not YAML', 'name: [x\n', ['map.yaml:2: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ])('%s', (_, text, want) => {
    expect(errors(text)).toEqual(want);
  });
});

describe('parseMappedTime', () => {
  test.each([
    ['2026-03-01 09:15:02', 'iso', 'UTC', '2026-03-01T09:15:02.000Z'],
    ['2026-03-01T09:15:02+02:00', 'iso', 'UTC', '2026-03-01T07:15:02.000Z'],
    ['2026-03-01 09:15', 'iso', '+01:00', '2026-03-01T08:15:00.000Z'],
    ['2026-03-01', 'iso', 'UTC', '2026-03-01T00:00:00.000Z'],
    ['1772356502', 'unix', 'UTC', '2026-03-01T09:15:02.000Z'],
    ['1772356502123', 'unix_ms', 'UTC', '2026-03-01T09:15:02.123Z'],
    ['01.03.2026 10:00', 'DD.MM.YYYY HH:mm', '+01:00', '2026-03-01T09:00:00.000Z'],
    ['3/1/2026 9:05:07.5', 'MM/DD/YYYY HH:mm:ss.SSS', 'UTC', '2026-03-01T09:05:07.500Z'],
  ])('%s as %s (%s)', (text, format, tz, iso) => {
    expect(parseMappedTime(text, format, tz)?.toISOString()).toBe(iso);
  });

  test.each([
    ['2026-02-30 10:00', 'iso'],
    ['yesterday', 'iso'],
    ['01.03.2026', 'MM/DD/YYYY'],
    ['-5', 'unix'],
  ])('%s as %s is refused', (text, format) => {
    expect(parseMappedTime(text, format, 'UTC')).toBeNull();
  });
});
