// Nested properties as the expression assistants offer them (SPEC §2b): `customer.country`,
// `items[1].sku`, `CARDINALITY(items)`, each written as Flink SQL needs it (every path segment
// quoted on its own when it must be).
import type { TypeDef } from '../../types';
import { identifier } from './sql';

/** A property or a value inside one, as an assistant offers it. */
export interface PathOption {
  /** what the user reads: `customer.country`, `items[1].sku`, `CARDINALITY(items)` */
  label: string;
  /** the Flink SQL that reads it: `customer.country`, `` `order`.`id` ``, `items[1].sku` */
  expression: string;
  /** its type, for literals (`DECIMAL`, `STRING`, …) */
  type: string;
  /** its type as shown (`ARRAY<ROW>`, `DECIMAL(10, 2)`) */
  typeText: string;
}

/** A type as a short text: `DECIMAL(10, 2)`, `ARRAY<ROW>`, `MAP<STRING, INTEGER>`. */
export function typeText(t: TypeDef | undefined): string {
  if (!t) return '';
  switch (t.type) {
    case 'DECIMAL':
      return t.precision !== undefined ? `DECIMAL(${t.precision}, ${t.scale ?? 0})` : 'DECIMAL';
    case 'ARRAY':
      return t.items ? `ARRAY<${typeText(t.items)}>` : 'ARRAY';
    case 'MAP':
      return t.values ? `MAP<STRING, ${typeText(t.values)}>` : 'MAP';
    default:
      return String(t.type ?? '');
  }
}

/**
 * Every property and every value inside them, in order: a ROW's properties after it, an array's
 * size and its first element (and what that holds; arrays count from 1), a map's size.
 */
export function propertyPaths(properties: ({ name: string } & TypeDef)[]): PathOption[] {
  const out: PathOption[] = [];
  for (const p of properties) inside(p, p.name, identifier(p.name), out);
  return out;
}

function inside(t: TypeDef, label: string, expression: string, out: PathOption[]) {
  out.push({ label, expression, type: String(t.type), typeText: typeText(t) });
  if (t.type === 'ROW')
    for (const p of t.properties ?? []) inside(p, `${label}.${p.name}`, `${expression}.${identifier(p.name)}`, out);
  if (t.type === 'ARRAY' || t.type === 'MAP')
    out.push({
      label: `CARDINALITY(${label})`,
      expression: `CARDINALITY(${expression})`,
      type: 'INTEGER',
      typeText: 'INTEGER',
    });
  if (t.type === 'ARRAY' && t.items) inside(t.items, `${label}[1]`, `${expression}[1]`, out);
}
