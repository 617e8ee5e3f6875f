// The canvas's state: the flow being edited, its analysis, autosave and undo. Named actions only.
import { create } from 'zustand';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import * as api from '../api';
import { ApiError } from '../api';
import type { FlowReport, NodeReport, StoredFlow } from '../types';
import type { EddyNode, NodeConfig } from '../nodes/model';
import { defaultConfig, hasRole, nodeTypeOf } from '../nodes/nodeTypes';
import { defaultBootstrapServers } from '../environment';
import { edgeId, fromDocument, toDocument } from './document';

/** What one delete removed, in words, and the ids of the nodes it removed (to focus them again on undo). */
export interface Deletion {
  text: string;
  nodeIds: string[];
}

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed' | 'conflict';

interface Snapshot {
  nodes: EddyNode[];
  edges: Edge[];
}

export interface FlowState {
  flowId: string | null;
  /** the signed-in role may not change the flow (a viewer): nothing is saved */
  readOnly: boolean;
  name: string;
  description: string;
  extra: Record<string, unknown>;
  nodes: EddyNode[];
  edges: Edge[];
  revision: number | string | null;
  report: FlowReport | null;
  saveState: SaveState;
  saveError: string | null;
  past: Snapshot[];
  panelNodeId: string | null;
  /** the panel was opened from the keyboard: it takes focus once it is drawn */
  panelFocus: boolean;
  /** what the last delete removed ("Node “EMEA” deleted"), offered for undo until the next change */
  deletion: Deletion | null;

  load(flow: StoredFlow): void;
  reset(): void;
  onNodesChange(changes: NodeChange<EddyNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  onConnect(connection: Connection): void;
  isValidConnection(connection: Connection | Edge): boolean;
  addNodeByType(type: string, position: XYPosition): string;
  updateNodeConfig(id: string, config: NodeConfig): void;
  renameNode(id: string, name: string): void;
  deleteNodes(ids: string[]): void;
  /** Deletes nodes (with their edges) and edges; answers what was deleted in words, or null. */
  deleteElements(nodeIds: string[], edgeIds: string[]): string | null;
  setFlowName(name: string): void;
  undo(): void;
  /** Opens a node's panel (null closes it); `focus` moves focus into it (opened from the keyboard). */
  openPanel(id: string | null, focus?: boolean): void;
  /** Connects `source` (or nothing) to input `port` of `target`, replacing what that port had. */
  setInput(target: string, port: string, source: string | null): void;
  /** For a port that takes many inputs (a combine's): connects `source` to it (`on`) or disconnects it. */
  toggleInput(target: string, port: string, source: string, on: boolean): void;
  saveNow(): Promise<void>;
  refreshReport(): Promise<void>;
}

const SAVE_DELAY_MS = 500;
let saveTimer: ReturnType<typeof setTimeout> | null = null;
let saving: Promise<void> | null = null;
let saveAgain = false;
let lastPush: { key: string; at: number } | null = null;

const strip = (nodes: EddyNode[]): EddyNode[] =>
  nodes.map((n) => ({ ...n, selected: false, dragging: false }) as EddyNode);

/** A name not used by another node (names are unique, case-insensitive). */
export function uniqueName(base: string, nodes: EddyNode[], except?: string): string {
  const taken = new Set(nodes.filter((n) => n.id !== except).map((n) => n.data.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} ${i}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function uniqueId(type: string, nodes: EddyNode[]): string {
  const ids = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) {
    const candidate = `${type}-${i}`;
    if (!ids.has(candidate)) return candidate;
  }
}

/** Node types that read or write Kafka keep their cluster under `kafka` (their declared config). */
const usesKafka = (type: string) => hasRole(type, 'readsKafka') || hasRole(type, 'writesKafka');
const kafkaOf = (config: NodeConfig) => (config.kafka ?? {}) as { bootstrapServers?: unknown[] };

/** Whether edge `c` may be drawn: output to a free input port (or one taking many), no loop to itself, not twice. */
function canConnect(nodes: EddyNode[], edges: Edge[], c: Connection | Edge): boolean {
  if (!c.source || !c.target || c.source === c.target) return false;
  const source = nodes.find((n) => n.id === c.source);
  const target = nodes.find((n) => n.id === c.target);
  if (!source || !target) return false;
  const sourceType = nodeTypeOf(source.type);
  const inputs = nodeTypeOf(target.type)?.inputs ?? [];
  const ports = inputs.map((i) => i.port);
  if (!sourceType?.output || ports.length === 0) return false;
  const port = c.targetHandle ?? ports[0];
  if (!ports.includes(port)) return false;
  // one edge per input port (unless it takes many, like a combine's), and no second edge between
  // the same two nodes
  const many = inputs.find((i) => i.port === port)?.many === true;
  if (!many && edges.some((e) => e.target === c.target && (e.targetHandle ?? 'in') === port)) return false;
  if (edges.some((e) => e.source === c.source && e.target === c.target)) return false;
  return true;
}

export const useFlowStore = create<FlowState>()((set, get) => {
  /** Remembers the current graph for undo; repeated edits of one kind within a second count once. */
  const remember = (key: string) => {
    const now = Date.now();
    // typing in one field is one step; one delete gesture (nodes, then their edges) is one step
    const window = key.includes(':') ? 1000 : key === 'delete' ? 50 : 0;
    if (lastPush && lastPush.key === key && now - lastPush.at < window) {
      lastPush.at = now;
      return;
    }
    lastPush = { key, at: now };
    const { nodes, edges, past } = get();
    // a new change ends the offer to undo the last delete (undo still reaches it, step by step)
    set({ past: [...past.slice(-99), { nodes: strip(nodes), edges }], deletion: null });
  };

  const changed = () => {
    // a viewer's canvas saves nothing (the server would refuse it); the controls say why
    if (get().readOnly) return;
    set({ saveState: 'pending', saveError: null });
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void get().saveNow();
    }, SAVE_DELAY_MS);
  };

  return {
    flowId: null,
    readOnly: false,
    name: '',
    description: '',
    extra: {},
    nodes: [],
    edges: [],
    revision: null,
    report: null,
    saveState: 'saved',
    saveError: null,
    past: [],
    panelNodeId: null,
    panelFocus: false,
    deletion: null,

    load(flow) {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      lastPush = null;
      const { nodes, edges, extra } = fromDocument(flow);
      set({
        flowId: flow.id,
        name: flow.name,
        description: flow.description ?? '',
        extra,
        nodes,
        edges,
        revision: flow.revision,
        report: null,
        saveState: 'saved',
        saveError: null,
        past: [],
        panelNodeId: null,
        deletion: null,
      });
    },

    reset() {
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      set({ flowId: null, nodes: [], edges: [], report: null, past: [], panelNodeId: null, deletion: null });
    },

    onNodesChange(changes) {
      let save = false;
      for (const c of changes) {
        if (c.type === 'remove') {
          remember('delete');
          save = true;
        } else if (c.type === 'position') {
          const node = get().nodes.find((n) => n.id === c.id);
          if (c.dragging && node && !node.dragging) remember(`move:${c.id}`);
          if (!c.dragging) save = true;
        }
      }
      const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
      set((s) => ({
        nodes: applyNodeChanges(changes, s.nodes),
        edges: removed.size ? s.edges.filter((e) => !removed.has(e.source) && !removed.has(e.target)) : s.edges,
        panelNodeId: s.panelNodeId && removed.has(s.panelNodeId) ? null : s.panelNodeId,
      }));
      if (save) changed();
    },

    onEdgesChange(changes) {
      const removes = changes.some((c) => c.type === 'remove');
      if (removes) remember('delete');
      set((s) => ({ edges: applyEdgeChanges(changes, s.edges) }));
      if (removes) changed();
    },

    isValidConnection(c) {
      return canConnect(get().nodes, get().edges, c);
    },

    onConnect(c) {
      if (!get().isValidConnection(c)) return;
      remember('connect');
      const target = get().nodes.find((n) => n.id === c.target)!;
      const port = c.targetHandle ?? nodeTypeOf(target.type)?.inputs[0]?.port ?? 'in';
      const edge: Edge = {
        id: edgeId(c.source, c.target, port),
        source: c.source,
        target: c.target,
        sourceHandle: 'out',
        targetHandle: port,
      };
      set((s) => ({ edges: [...s.edges, edge] }));
      changed();
    },

    addNodeByType(type, position) {
      remember('add');
      const info = nodeTypeOf(type);
      const { nodes } = get();
      const id = uniqueId(type, nodes);
      let config = info ? defaultConfig(info) : {};
      if (usesKafka(type)) {
        // a new Kafka node starts on the cluster the flow already uses, else on the server's
        const servers =
          nodes
            .filter((n) => usesKafka(n.type))
            .map((n) => kafkaOf(n.data.config).bootstrapServers)
            .find((b) => Array.isArray(b) && b.some((x) => typeof x === 'string' && x.trim())) ??
          defaultBootstrapServers();
        config = { ...config, kafka: { ...kafkaOf(config), bootstrapServers: [...servers] } };
      }
      const node: EddyNode = {
        id,
        type,
        position,
        data: { name: uniqueName(info?.label ?? type, nodes), config },
      };
      set((s) => ({ nodes: [...s.nodes, node] }));
      changed();
      return id;
    },

    updateNodeConfig(id, config) {
      remember(`config:${id}`);
      set((s) => ({
        nodes: s.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, config } } : n)),
      }));
      changed();
    },

    renameNode(id, name) {
      remember(`name:${id}`);
      set((s) => ({
        nodes: s.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, name } } : n)),
      }));
      changed();
    },

    deleteNodes(ids) {
      if (!ids.length) return;
      remember('delete');
      const gone = new Set(ids);
      set((s) => ({
        nodes: s.nodes.filter((n) => !gone.has(n.id)),
        edges: s.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
        panelNodeId: s.panelNodeId && gone.has(s.panelNodeId) ? null : s.panelNodeId,
      }));
      changed();
    },

    deleteElements(nodeIds, edgeIds) {
      const { nodes, edges } = get();
      const gone = new Set(nodeIds.filter((id) => nodes.some((n) => n.id === id)));
      const cut = edges.filter((e) => edgeIds.includes(e.id) && !gone.has(e.source) && !gone.has(e.target));
      if (!gone.size && !cut.length) return null;
      const nameOf = (id: string) => nodes.find((n) => n.id === id)?.data.name ?? id;
      const names = [...gone].map((id) => `“${nameOf(id)}”`);
      const what = names.length
        ? `${names.length === 1 ? 'Node' : 'Nodes'} ${names.join(', ')} deleted`
        : cut.length === 1
          ? `Connection from “${nameOf(cut[0].source)}” to “${nameOf(cut[0].target)}” deleted`
          : `${cut.length} connections deleted`;
      remember('delete');
      const cutIds = new Set(cut.map((e) => e.id));
      set((s) => ({
        nodes: s.nodes.filter((n) => !gone.has(n.id)),
        edges: s.edges.filter((e) => !cutIds.has(e.id) && !gone.has(e.source) && !gone.has(e.target)),
        panelNodeId: s.panelNodeId && gone.has(s.panelNodeId) ? null : s.panelNodeId,
        deletion: { text: what, nodeIds: [...gone] },
      }));
      changed();
      return what;
    },

    setFlowName(name) {
      set({ name });
      changed();
    },

    undo() {
      const { past, panelNodeId } = get();
      const previous = past[past.length - 1];
      if (!previous) return;
      lastPush = null;
      set({
        nodes: previous.nodes,
        edges: previous.edges,
        past: past.slice(0, -1),
        panelNodeId: panelNodeId && previous.nodes.some((n) => n.id === panelNodeId) ? panelNodeId : null,
        deletion: null,
      });
      changed();
    },

    openPanel(id, focus = false) {
      set({ panelNodeId: id, panelFocus: !!id && focus });
    },

    setInput(target, port, source) {
      const { edges } = get();
      const current = edges.find((e) => e.target === target && (e.targetHandle ?? 'in') === port);
      if ((current?.source ?? null) === source) return;
      const rest = edges.filter((e) => e !== current);
      const c = { source: source ?? '', target, targetHandle: port, sourceHandle: 'out' };
      if (source && !canConnect(get().nodes, rest, c)) return;
      remember('connect');
      const edge: Edge | null = source
        ? { id: edgeId(source, target, port), source, target, sourceHandle: 'out', targetHandle: port }
        : null;
      set({ edges: edge ? [...rest, edge] : rest, deletion: null });
      changed();
    },

    toggleInput(target, port, source, on) {
      const { edges } = get();
      const current = edges.find(
        (e) => e.target === target && e.source === source && (e.targetHandle ?? 'in') === port,
      );
      if (!!current === on) return;
      if (on && !canConnect(get().nodes, edges, { source, target, targetHandle: port, sourceHandle: 'out' })) return;
      remember('connect');
      set({
        edges: on
          ? [...edges, { id: edgeId(source, target, port), source, target, sourceHandle: 'out', targetHandle: port }]
          : edges.filter((e) => e !== current),
        deletion: null,
      });
      changed();
    },

    async saveNow() {
      // Nothing unsaved (Run and Deploy save first): no save, so no revision without a change.
      if (!saveTimer && !saving && get().saveState === 'saved') return;
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = null;
      }
      if (saving) {
        saveAgain = true;
        return saving;
      }
      const run = async () => {
        do {
          saveAgain = false;
          const { flowId, revision, name, description, nodes, edges, extra } = get();
          if (!flowId || revision === null) return;
          set({ saveState: 'saving', saveError: null });
          try {
            const next = await api.saveFlow(flowId, toDocument(name, description, nodes, edges, extra), revision);
            if (get().flowId !== flowId) return;
            set({ revision: next, saveState: saveAgain || saveTimer ? 'pending' : 'saved' });
          } catch (e) {
            const conflict = e instanceof ApiError && e.status === 412;
            set({
              saveState: conflict ? 'conflict' : 'failed',
              saveError: conflict
                ? 'This flow was changed elsewhere.'
                : e instanceof Error
                  ? e.message
                  : 'The flow could not be saved.',
            });
            return;
          }
        } while (saveAgain);
        await get().refreshReport();
      };
      saving = run().finally(() => {
        saving = null;
      });
      return saving;
    },

    async refreshReport() {
      const { flowId } = get();
      if (!flowId) return;
      try {
        const report = await api.validateFlow(flowId);
        if (get().flowId === flowId) set({ report });
      } catch {
        // the badges keep their last state; the save state tells about connection problems
      }
    },
  };
});

// ---- selectors ---------------------------------------------------------------------------------

export const selectNodeReport =
  (id: string) =>
  (s: FlowState): NodeReport | undefined =>
    s.report?.nodes.find((n) => n.id === id);

/** The nodes feeding `id`, with their port and the properties they output (from the analysis). */
export function inputsOf(s: Pick<FlowState, 'nodes' | 'edges' | 'report'>, id: string) {
  return s.edges
    .filter((e) => e.target === id)
    .map((e) => {
      const node = s.nodes.find((n) => n.id === e.source);
      const report = s.report?.nodes.find((r) => r.id === e.source);
      return {
        id: e.source,
        name: node?.data.name ?? e.source,
        port: e.targetHandle ?? 'in',
        properties: report?.output ?? [],
        status: report?.status,
      };
    });
}

export type NodeInputInfo = ReturnType<typeof inputsOf>[number];

/** Why the flow cannot run, or null when it can. */
export function runBlocker(s: Pick<FlowState, 'report' | 'nodes' | 'saveState'>): string | null {
  if (s.nodes.length === 0) return 'Add an event source to the flow first.';
  if (!s.report) return 'The flow is being checked.';
  if (s.saveState === 'failed' || s.saveState === 'conflict') return 'Save the flow first.';
  if (s.report.valid) return null;
  const bad = s.report.nodes.find((n) => n.status !== 'valid');
  if (bad) {
    const what = bad.status === 'unconfigured' ? 'is not configured' : 'has errors';
    return `Node “${bad.name}” ${what}${bad.messages[0] ? `: ${bad.messages[0]}` : '.'}`;
  }
  return s.report.problems[0] ?? 'The flow is not valid.';
}

/** Why Deploy is disabled: what disables Run, or no sink such as an event destination (a job writes only there). */
export function deployBlocker(s: Pick<FlowState, 'report' | 'nodes' | 'saveState'>): string | null {
  const blocked = runBlocker(s);
  if (blocked) return blocked;
  if (!s.nodes.some((n) => hasRole(n.type, 'sink')))
    return 'The flow has no event destination: a deployed job writes its results only to one.';
  return null;
}

/**
 * Why node `id` cannot be previewed, or null when it can: the server runs the node and the nodes
 * before it, so they must be valid (by the analysis); nodes that do not feed it do not matter.
 */
export function previewBlocker(
  s: Pick<FlowState, 'report' | 'nodes' | 'edges' | 'saveState'>,
  id: string,
): string | null {
  if (!s.report) return 'The flow is being checked.';
  if (s.saveState === 'failed' || s.saveState === 'conflict') return 'Save the flow first.';
  // the node first, then the nodes before it, nearest first
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length) {
    const at = queue.shift()!;
    if (seen.has(at)) continue;
    seen.add(at);
    const r = s.report.nodes.find((n) => n.id === at);
    const name = s.nodes.find((n) => n.id === at)?.data.name ?? r?.name ?? at;
    const where = at === id ? '' : ' before it';
    if (!r) return `Node “${name}”${where} is being checked.`;
    if (r.status !== 'valid') {
      const what = r.status === 'unconfigured' ? 'is not configured' : 'has errors';
      return `Node “${name}”${where} ${what}${r.messages[0] ? `: ${r.messages[0]}` : '.'}`;
    }
    for (const e of s.edges) if (e.target === at) queue.push(e.source);
  }
  return null;
}
