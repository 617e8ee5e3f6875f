// The node types as the server's registry declares them (GET /api/node-types), loaded once: palette
// groups, labels, descriptions, colours, ports, roles and config fields all come from here.
import { create } from 'zustand';
import { listNodeTypes } from '../api';
import type { FieldSpec, NodeTypeInfo } from '../types';

interface NodeTypesState {
  /** null until loaded */
  types: NodeTypeInfo[] | null;
}

export const useNodeTypes = create<NodeTypesState>()(() => ({ types: null }));

let loading: Promise<NodeTypeInfo[]> | null = null;

/** Loads the registry once; rejects (and asks again next time) when the server does not answer it. */
export function loadNodeTypes(): Promise<NodeTypeInfo[]> {
  const known = useNodeTypes.getState().types;
  if (known) return Promise.resolve(known);
  loading ??= listNodeTypes()
    .then((types) => {
      if (!Array.isArray(types)) throw new Error('The server did not list its node types.');
      // a server older than this page describes node types without their fields and ports
      if (!types.every((t) => Array.isArray(t.fields) && Array.isArray(t.inputs) && typeof t.output === 'boolean'))
        throw new Error('The server describes its node types in an older form: update the Eddy server.');
      useNodeTypes.setState({ types });
      return types;
    })
    .finally(() => (loading = null));
  return loading;
}

/** Forgets the loaded registry (tests). */
export function resetNodeTypes() {
  loading = null;
  useNodeTypes.setState({ types: null });
}

/** A node type by its name, or undefined when the registry does not know it (or is not loaded). */
export const nodeTypeOf = (type: string): NodeTypeInfo | undefined =>
  useNodeTypes.getState().types?.find((t) => t.type === type);

/** The hook form of nodeTypeOf. */
export const useNodeType = (type: string): NodeTypeInfo | undefined =>
  useNodeTypes((s) => s.types?.find((t) => t.type === type));

export const hasRole = (type: string, role: string) => nodeTypeOf(type)?.roles.includes(role) ?? false;

/** The palette: the groups in the registry's order, each with its types in the registry's order. */
export function paletteGroups(types: NodeTypeInfo[]): { group: string; types: NodeTypeInfo[] }[] {
  const groups: { group: string; types: NodeTypeInfo[] }[] = [];
  for (const t of types) {
    const g = groups.find((x) => x.group === t.group);
    if (g) g.types.push(t);
    else groups.push({ group: t.group, types: [t] });
  }
  return groups;
}

/**
 * The config of a new node: the declared defaults of its fields, inside the objects a node needs
 * (required ones); optional objects and fields shown only under a condition stay absent.
 */
export function defaultConfig(info: NodeTypeInfo): Record<string, unknown> {
  return defaultsOf(info.fields);
}

function defaultsOf(fields: FieldSpec[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.dependsOn) continue;
    if (f.default !== undefined) config[f.name] = structuredClone(f.default);
    else if (f.type === 'object' && f.required && f.fields) {
      const inner = defaultsOf(f.fields);
      if (Object.keys(inner).length) config[f.name] = inner;
    }
  }
  return config;
}
