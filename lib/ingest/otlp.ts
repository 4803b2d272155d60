/**
 * OTLP/JSON building blocks (opentelemetry-proto docs/specification.md, "JSON Protobuf Encoding"): attributes are
 * `[{key, value: AnyValue}]` where AnyValue is one of stringValue, boolValue, intValue (int64: a decimal STRING in
 * OTLP/JSON, a number from some exporters), doubleValue, arrayValue {values}, kvlistValue {values}, bytesValue
 * (base64). Times are fixed64 nanoseconds since the epoch, as strings or numbers. Trace and span ids are hex
 * (protobuf's own JSON mapping would give base64; both are accepted and stored as lower-case hex).
 */
import { type IssueSink, isObj, type Obj } from './fields';
import { brief } from './openai-shared';

/** The JS value of an AnyValue: strings and int64 strings stay strings (token readers accept numeric strings). */
export function anyValue(v: unknown): unknown {
  if (!isObj(v)) return undefined;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) return v.intValue;
  if ('doubleValue' in v) return v.doubleValue;
  if ('boolValue' in v) return v.boolValue;
  if ('bytesValue' in v) return v.bytesValue;
  if (isObj(v.arrayValue)) return Array.isArray(v.arrayValue.values) ? v.arrayValue.values.map(anyValue) : [];
  if (isObj(v.kvlistValue)) return attributeMap(v.kvlistValue.values, '', null);
  return null;
}

/** `[{key, value}]` as an object. A malformed list or entry is reported once (when a sink is given) and skipped. */
export function attributeMap(list: unknown, field: string, sink: IssueSink | null): Obj {
  const out: Obj = {};
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) {
    sink?.add(field, `expected a list of {key, value} attributes, got ${brief(list)}`);
    return out;
  }
  for (const [i, kv] of list.entries()) {
    if (!isObj(kv) || typeof kv.key !== 'string') {
      sink?.add(`${field}[${i}]`, `expected an attribute {key, value}, got ${brief(kv)}`);
      continue;
    }
    out[kv.key] = anyValue(kv.value);
  }
  return out;
}

/** Milliseconds since the epoch from fixed64 nanoseconds; null when absent or 0 (unset in proto3). */
export function nanosToMs(v: unknown, field: string, sink: IssueSink): number | null {
  if (v === undefined || v === null || v === '' || v === '0' || v === 0) return null;
  let ms: number;
  if (typeof v === 'string' && /^\d{1,20}$/.test(v.trim())) ms = Number(BigInt(v.trim()) / 1_000_000n);
  else if (typeof v === 'number' && Number.isFinite(v) && v >= 0) ms = Math.floor(v / 1e6);
  else {
    sink.add(field, `expected nanoseconds since the epoch (a decimal string), got ${brief(v)}`);
    return null;
  }
  if (Number.isNaN(new Date(ms).getTime())) {
    sink.add(field, `expected a time within the representable range, got ${brief(v)}`);
    return null;
  }
  return ms;
}

/** A trace (16 bytes) or span (8 bytes) id as lower-case hex; base64 (protobuf JSON mapping) is converted. */
export function otlpId(v: unknown, bytes: 8 | 16, field: string, sink: IssueSink): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') {
    const s = v.trim();
    if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(s)) return s.toLowerCase();
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(s)) {
      const buf = Buffer.from(s, 'base64');
      if (buf.length === bytes) return buf.toString('hex');
    }
  }
  sink.add(field, `expected a ${bytes}-byte id as ${bytes * 2} hex digits, got ${brief(v)}`);
  return null;
}
