// The event structure of a source from a sample JSON message or an Avro record schema (SPEC §2).
import type { PropertyDef, PropertyType } from '../../types';

const SQL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
const ISO_TIMESTAMP_LTZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const INT_MAX = 2147483647;

export interface Derived {
  properties: PropertyDef[];
  error?: string;
}

function inferType(value: unknown): PropertyType | null {
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'DOUBLE';
    return Math.abs(value) > INT_MAX ? 'BIGINT' : 'INTEGER';
  }
  if (typeof value === 'string') {
    // a timestamp-looking string is offered as a timestamp, so it can be the event time
    if (SQL_TIMESTAMP.test(value)) return 'TIMESTAMP';
    if (ISO_TIMESTAMP_LTZ.test(value)) return 'TIMESTAMP_LTZ';
    return 'STRING';
  }
  return null;
}

/** Properties of a sample JSON message: its string, number and boolean properties. */
export function fromSample(sample: string): Derived {
  if (!sample.trim()) return { properties: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(sample);
  } catch (e) {
    return { properties: [], error: `The sample is not valid JSON: ${(e as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { properties: [], error: 'The sample must be a JSON object, e.g. {"id": "a1", "price": 9.5}.' };
  }
  const properties: PropertyDef[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    const type = inferType(value);
    if (type) properties.push({ name, type });
  }
  return { properties };
}

const AVRO_TYPES: Record<string, PropertyType> = {
  string: 'STRING',
  boolean: 'BOOLEAN',
  int: 'INTEGER',
  long: 'BIGINT',
  float: 'DOUBLE',
  double: 'DOUBLE',
};

function avroType(t: unknown): PropertyType | null {
  if (typeof t === 'string') return AVRO_TYPES[t] ?? null;
  if (Array.isArray(t)) {
    const nonNull = t.filter((x) => x !== 'null');
    return nonNull.length === 1 ? avroType(nonNull[0]) : null;
  }
  if (t && typeof t === 'object') {
    const o = t as { type?: unknown; logicalType?: string };
    if (o.logicalType === 'timestamp-millis' || o.logicalType === 'timestamp-micros') return 'TIMESTAMP_LTZ';
    return avroType(o.type);
  }
  return null;
}

/** Properties of an Avro record schema's fields of simple types. */
export function fromAvro(schema: string): Derived {
  if (!schema.trim()) return { properties: [] };
  let parsed: { type?: string; fields?: { name: string; type: unknown }[] };
  try {
    parsed = JSON.parse(schema);
  } catch (e) {
    return { properties: [], error: `The Avro schema is not valid JSON: ${(e as Error).message}` };
  }
  if (!parsed || parsed.type !== 'record' || !Array.isArray(parsed.fields)) {
    return { properties: [], error: 'The Avro schema must be a record with fields.' };
  }
  const properties: PropertyDef[] = [];
  for (const f of parsed.fields) {
    const type = avroType(f.type);
    if (type && typeof f.name === 'string') properties.push({ name: f.name, type });
  }
  return { properties };
}
