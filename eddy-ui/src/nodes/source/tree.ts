// The structure editor's tree: what a sample (or schema) derives, merged with what the user chose
// (the source's `properties`), at any depth. A property is chosen when it is in `properties`; the
// elements of an array and the values of a map are part of their property and cannot be left out.
import { SIMPLE_PROPERTY_TYPES, STRUCTURED_PROPERTY_TYPES, type PropertyDef, type TypeDef } from '../../types';

/** Steps of a path: property names, ITEMS for the elements of an array, VALUES for the values of a map. */
export const ITEMS = '[]';
export const VALUES = '{}';

export interface TreeRow {
  /** `customer.country`, `items[].sku`, `attributes{}`: unique, used in labels and ids */
  path: string;
  steps: string[];
  /** the property's name, or `name[]` / `name{}` for elements and values */
  label: string;
  depth: number;
  /** the chosen type when chosen, else the derived one */
  def: TypeDef;
  derived?: TypeDef;
  chosen: boolean;
  /** a named property (can be left out); elements and values are not */
  optional: boolean;
  /** whether its parent is chosen (a property under a left-out one cannot be chosen) */
  parentChosen: boolean;
  children: TreeRow[];
}

const STRUCTURED = new Set<string>(STRUCTURED_PROPERTY_TYPES);
export const isTimestamp = (type: string) => type === 'TIMESTAMP' || type === 'TIMESTAMP_LTZ';

/** The names of both lists: the derived ones in their order, then chosen ones the sample lacks. */
function namesOf(derived: PropertyDef[], chosen: PropertyDef[]): string[] {
  const names = derived.map((p) => p.name);
  for (const p of chosen) if (!names.includes(p.name)) names.push(p.name);
  return names;
}

const same = (a: TypeDef | undefined, type: string) => (a && a.type === type ? a : undefined);

function pathText(parent: string, step: string) {
  if (step === ITEMS || step === VALUES) return `${parent}${step}`;
  return parent ? `${parent}.${step}` : step;
}

/** The rows of the tree for a list of properties (the top, or a ROW's). */
export function treeRows(
  derived: PropertyDef[],
  chosen: PropertyDef[] | undefined,
  parent: { path: string; steps: string[]; depth: number; chosen: boolean } = {
    path: '',
    steps: [],
    depth: 0,
    chosen: true,
  },
): TreeRow[] {
  return namesOf(derived, chosen ?? []).map((name) => {
    const cur = parent.chosen ? chosen?.find((p) => p.name === name) : undefined;
    const der = derived.find((p) => p.name === name);
    return rowOf(
      name,
      pathText(parent.path, name),
      [...parent.steps, name],
      parent.depth,
      cur,
      der,
      true,
      parent.chosen,
    );
  });
}

function rowOf(
  label: string,
  path: string,
  steps: string[],
  depth: number,
  cur: TypeDef | undefined,
  der: TypeDef | undefined,
  optional: boolean,
  parentChosen: boolean,
): TreeRow {
  const def = (cur ?? der)!;
  const chosen = parentChosen && !!cur;
  const inside = { path, steps, depth: depth + 1, chosen };
  let children: TreeRow[] = [];
  if (def.type === 'ROW')
    children = treeRows(same(der, 'ROW')?.properties ?? [], chosen ? (cur?.properties ?? []) : [], inside);
  else if (def.type === 'ARRAY' || def.type === 'MAP') {
    const [step, key] = def.type === 'ARRAY' ? [ITEMS, 'items' as const] : [VALUES, 'values' as const];
    const inner = chosen ? cur?.[key] : undefined;
    const innerDer = same(der, def.type)?.[key];
    if (inner ?? innerDer)
      children = [
        rowOf(`${label}${step}`, pathText(path, step), [...steps, step], depth + 1, inner, innerDer, false, chosen),
      ];
  }
  return { path, steps, label, depth, def, derived: der, chosen, optional, parentChosen, children };
}

type Change = (cur: TypeDef | undefined, der: TypeDef | undefined) => TypeDef | undefined;

/** Without its name: the type part of a property. */
function typeOf(p: PropertyDef | undefined): TypeDef | undefined {
  if (!p) return undefined;
  const { name: _name, ...type } = p;
  return type;
}

/**
 * The chosen properties after `change` at `steps`: `change` gets the chosen type there (undefined
 * when left out) and the derived one, and answers the new type (undefined leaves it out). The
 * order of the derived properties is kept.
 */
export function editTree(
  chosen: PropertyDef[],
  derived: PropertyDef[],
  steps: string[],
  change: Change,
): PropertyDef[] {
  const [name, ...rest] = steps;
  const out: PropertyDef[] = [];
  for (const n of namesOf(derived, chosen)) {
    const cur = chosen.find((p) => p.name === n);
    if (n !== name) {
      if (cur) out.push(cur);
      continue;
    }
    const der = derived.find((p) => p.name === n);
    const next =
      rest.length === 0 ? change(typeOf(cur), typeOf(der)) : cur && editType(typeOf(cur)!, der, rest, change);
    if (next) out.push({ name: n, ...next });
  }
  return out;
}

function editType(cur: TypeDef, der: TypeDef | undefined, steps: string[], change: Change): TypeDef {
  const [step, ...rest] = steps;
  if (step === ITEMS || step === VALUES) {
    const key = step === ITEMS ? 'items' : 'values';
    const innerDer = same(der, cur.type)?.[key];
    const inner =
      rest.length === 0 ? change(cur[key], innerDer) : cur[key] && editType(cur[key]!, innerDer, rest, change);
    return inner ? { ...cur, [key]: inner } : cur;
  }
  return { ...cur, properties: editTree(cur.properties ?? [], same(der, 'ROW')?.properties ?? [], steps, change) };
}

/** Choose a property (as the sample derives it, with everything inside) or leave it out. */
export const choose =
  (on: boolean): Change =>
  (cur, der) =>
    on ? (cur ?? der) : undefined;

/** The types a row may take: every simple type, and the structured types the sample shows it has. */
export function typeChoices(row: TreeRow): string[] {
  const simple: string[] = SIMPLE_PROPERTY_TYPES;
  const extra = new Set<string>();
  for (const t of [row.derived?.type, row.def.type]) if (t && STRUCTURED.has(t)) extra.add(t);
  // an object can also be read as a map when its keys vary from message to message
  if (row.derived?.type === 'ROW') extra.add('MAP');
  if (!simple.includes(row.def.type) && !STRUCTURED.has(row.def.type)) extra.add(row.def.type);
  return [...simple, ...extra];
}

export const DEFAULT_DECIMAL = { precision: 10, scale: 2 };

/** A new type for a property: its structure from the sample when it has one, sensible details otherwise. */
export const retype =
  (type: string): Change =>
  (cur, der) => {
    const now = cur ?? der;
    if (now?.type === type) return now;
    if (der?.type === type) return der;
    if (type === 'DECIMAL') return { type, ...DEFAULT_DECIMAL };
    if (isTimestamp(type)) {
      // a whole number in the sample is an epoch time: milliseconds when it needs a BIGINT
      if (der?.type === 'BIGINT') return { type, format: 'epochMillis' };
      if (der?.type === 'INTEGER') return { type, format: 'epochSeconds' };
      if (now && isTimestamp(now.type) && now.format) return { type, format: now.format, pattern: now.pattern };
      return { type };
    }
    if (type === 'MAP') return { type, values: commonType(der?.properties ?? []) };
    if (type === 'ARRAY') return { type, items: { type: 'STRING' } };
    if (type === 'ROW') return { type, properties: [] };
    return { type };
  };

/** The one simple type of all the properties, else STRING. */
function commonType(properties: PropertyDef[]): TypeDef {
  const types = new Set(properties.map((p) => p.type));
  const [only] = types;
  return types.size === 1 && !STRUCTURED.has(only) ? { type: only } : { type: 'STRING' };
}

/** DECIMAL precision or scale. */
export const setDecimal =
  (key: 'precision' | 'scale', value: number | undefined): Change =>
  (cur) => {
    if (!cur) return cur;
    const next = { ...cur };
    if (value === undefined) delete next[key];
    else next[key] = value;
    return next;
  };

/** How a timestamp is written: `auto` is the default and is left out of the document. */
export const setFormat =
  (format: string, pattern?: string): Change =>
  (cur) => {
    if (!cur) return cur;
    const { format: _f, pattern: _p, ...rest } = cur;
    if (format === 'auto') return rest;
    if (format === 'pattern') return { ...rest, format, pattern: pattern ?? '' };
    return { ...rest, format };
  };

/**
 * The chosen properties for a new sample: what was chosen stays chosen (with its types), what was
 * left out stays out, and what is new in the sample is chosen. Chosen properties the new sample
 * no longer has are dropped.
 */
export function rederive(chosen: PropertyDef[], before: PropertyDef[], after: PropertyDef[]): PropertyDef[] {
  const out: PropertyDef[] = [];
  for (const p of after) {
    const cur = chosen.find((c) => c.name === p.name);
    const old = before.find((b) => b.name === p.name);
    if (cur) out.push({ name: p.name, ...rederiveType(typeOf(cur)!, typeOf(old), typeOf(p)!) });
    else if (!old) out.push(p);
  }
  return out;
}

function rederiveType(cur: TypeDef, before: TypeDef | undefined, after: TypeDef): TypeDef {
  if (cur.type !== after.type) return cur;
  if (cur.type === 'ROW')
    return {
      ...cur,
      properties: rederive(cur.properties ?? [], same(before, 'ROW')?.properties ?? [], after.properties ?? []),
    };
  if (cur.type === 'ARRAY' && cur.items && after.items)
    return { ...cur, items: rederiveType(cur.items, same(before, 'ARRAY')?.items, after.items) };
  if (cur.type === 'MAP' && cur.values && after.values)
    return { ...cur, values: rederiveType(cur.values, same(before, 'MAP')?.values, after.values) };
  return cur;
}
