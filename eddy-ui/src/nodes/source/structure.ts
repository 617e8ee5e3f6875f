// The event structure of a source from a sample JSON message or an Avro record schema (SPEC §2b):
// nested objects become ROW, arrays ARRAY of their first element's shape, to any depth.
import type { PropertyDef, PropertyType, TypeDef } from '../../types';

const SQL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
const ISO_TIMESTAMP_LTZ = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const INT_MAX = 2147483647;

export interface Derived {
  properties: PropertyDef[];
  error?: string;
}

/** The type of a JSON value; null for a null (nothing to learn from it). */
export function inferType(value: unknown): TypeDef | null {
  if (typeof value === 'boolean') return { type: 'BOOLEAN' };
  if (typeof value === 'number') {
    // a fraction is DOUBLE; the user picks DECIMAL for exact amounts
    if (!Number.isInteger(value)) return { type: 'DOUBLE' };
    return { type: Math.abs(value) > INT_MAX ? 'BIGINT' : 'INTEGER' };
  }
  if (typeof value === 'string') {
    // a timestamp-looking string is offered as a timestamp, so it can be the event time
    if (SQL_TIMESTAMP.test(value)) return { type: 'TIMESTAMP' };
    if (ISO_TIMESTAMP_LTZ.test(value)) return { type: 'TIMESTAMP_LTZ' };
    return { type: 'STRING' };
  }
  if (Array.isArray(value)) {
    // the first element that says something gives the shape of all of them
    const first = value.map(inferType).find((t) => t !== null);
    return { type: 'ARRAY', items: first ?? { type: 'STRING' } };
  }
  if (value && typeof value === 'object') {
    const properties = propertiesOf(value as Record<string, unknown>);
    // an empty object says nothing about its keys: a map of texts, which the user can retype
    return properties.length ? { type: 'ROW', properties } : { type: 'MAP', values: { type: 'STRING' } };
  }
  return null;
}

function propertiesOf(object: Record<string, unknown>): PropertyDef[] {
  const properties: PropertyDef[] = [];
  for (const [name, value] of Object.entries(object)) {
    const type = inferType(value);
    if (type) properties.push({ name, ...type });
  }
  return properties;
}

/** Properties of a sample JSON message, nested objects and arrays included. */
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
  return { properties: propertiesOf(parsed as Record<string, unknown>) };
}

const AVRO_TYPES: Record<string, PropertyType> = {
  string: 'STRING',
  boolean: 'BOOLEAN',
  int: 'INTEGER',
  long: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  bytes: 'BYTES',
};

const AVRO_LOGICAL: Record<string, PropertyType> = {
  'timestamp-millis': 'TIMESTAMP_LTZ',
  'timestamp-micros': 'TIMESTAMP_LTZ',
  'local-timestamp-millis': 'TIMESTAMP',
  'local-timestamp-micros': 'TIMESTAMP',
  date: 'DATE',
  'time-millis': 'TIME',
  uuid: 'STRING',
};

type AvroObject = {
  type?: unknown;
  name?: string;
  namespace?: string;
  logicalType?: string;
  precision?: number;
  scale?: number;
  fields?: { name?: unknown; type?: unknown }[];
  items?: unknown;
  values?: unknown;
};

/** Reads Avro types, remembering named records, enums and fixed types so that later references resolve. */
class AvroReader {
  private readonly named = new Map<string, TypeDef>();

  type(t: unknown): TypeDef | null {
    if (typeof t === 'string') {
      const simple = AVRO_TYPES[t];
      return simple ? { type: simple } : (this.named.get(t) ?? this.named.get(t.split('.').pop()!) ?? null);
    }
    if (Array.isArray(t)) {
      // a union with null is an optional value; other unions have no single type
      const nonNull = t.filter((x) => x !== 'null');
      return nonNull.length === 1 ? this.type(nonNull[0]) : null;
    }
    if (!t || typeof t !== 'object') return null;
    const o = t as AvroObject;
    if (o.logicalType === 'decimal' && typeof o.precision === 'number')
      return { type: 'DECIMAL', precision: o.precision, scale: o.scale ?? 0 };
    if (o.logicalType && AVRO_LOGICAL[o.logicalType]) return { type: AVRO_LOGICAL[o.logicalType] };
    switch (o.type) {
      case 'record': {
        const properties = this.fields(o.fields ?? []);
        const row: TypeDef = { type: 'ROW', properties };
        this.remember(o, row);
        return row;
      }
      case 'array': {
        const items = this.type(o.items);
        return items ? { type: 'ARRAY', items } : null;
      }
      case 'map': {
        const values = this.type(o.values);
        return values ? { type: 'MAP', values } : null;
      }
      case 'enum':
        return this.remember(o, { type: 'STRING' });
      case 'fixed':
        return this.remember(o, { type: 'BYTES' });
      default:
        return this.type(o.type);
    }
  }

  fields(fields: { name?: unknown; type?: unknown }[]): PropertyDef[] {
    const properties: PropertyDef[] = [];
    for (const f of fields) {
      const type = this.type(f.type);
      if (type && typeof f.name === 'string') properties.push({ name: f.name, ...type });
    }
    return properties;
  }

  private remember(o: AvroObject, type: TypeDef): TypeDef {
    if (o.name) {
      this.named.set(o.name, type);
      if (o.namespace) this.named.set(`${o.namespace}.${o.name}`, type);
    }
    return type;
  }
}

/** Properties of an Avro record schema: nested records, arrays, maps, decimals and timestamps included. */
export function fromAvro(schema: string): Derived {
  if (!schema.trim()) return { properties: [] };
  let parsed: AvroObject;
  try {
    parsed = JSON.parse(schema);
  } catch (e) {
    return { properties: [], error: `The Avro schema is not valid JSON: ${(e as Error).message}` };
  }
  if (!parsed || parsed.type !== 'record' || !Array.isArray(parsed.fields)) {
    return { properties: [], error: 'The Avro schema must be a record with fields.' };
  }
  const row = new AvroReader().type(parsed);
  return { properties: row?.properties ?? [] };
}
