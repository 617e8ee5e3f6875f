// The canvas's keys: Enter on a node opens its panel, Delete/Backspace removes what has focus, Ctrl+Z
// undoes. React Flow's own delete key listens on the whole page, so Backspace on a panel's button or
// the header's Results button removed the selected node: the canvas listens itself, and acts only
// when focus is on the canvas proper (a node, an edge, the pane), never on a control, wherever that
// control is.
import { useEffect, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Edge } from '@xyflow/react';
import type { EddyNode } from '../nodes/model';
import { useFlowStore } from '../store/flowStore';
import { announce } from '../common/announcer';

const DELETE_KEYS = ['Delete', 'Backspace'];

const CONTROL =
  'button, a[href], input, textarea, select, [contenteditable]:not([contenteditable="false"]), .cm-editor, ' +
  '[role="button"], [role="menuitem"], [role="option"], [role="dialog"], [role="textbox"], [role="combobox"]';

/**
 * The nodes and edges a Delete/Backspace removes when `target` has focus, or null when the key is not
 * the canvas's to handle: the focused node or edge, and whatever else is selected.
 */
export function deletionTargets(
  target: Element,
  canvas: Element,
  nodes: EddyNode[],
  edges: Edge[],
): { nodeIds: string[]; edgeIds: string[] } | null {
  if (!canvas.contains(target)) return null;
  if (target !== canvas && !target.closest('.react-flow')) return null;
  // a control inside the canvas (a node's status button, a handle, the zoom buttons) keeps its keys
  if (target.closest(CONTROL)) return null;
  const focusedNode = target.closest('.react-flow__node')?.getAttribute('data-id');
  const focusedEdge = target.closest('.react-flow__edge')?.getAttribute('data-id');
  const nodeIds = nodes.filter((n) => n.selected || n.id === focusedNode).map((n) => n.id);
  const edgeIds = edges.filter((e) => e.selected || e.id === focusedEdge).map((e) => e.id);
  return { nodeIds, edgeIds };
}

/** The canvas's key handler: Enter on a node opens its panel; Delete/Backspace deletes, says so, offers undo. */
export function onCanvasKeyDown(e: ReactKeyboardEvent<HTMLElement>) {
  const target = e.target as HTMLElement;
  const canvas = e.currentTarget;
  // Enter on a node (not on a control inside it) opens its panel, with focus in it
  if (e.key === 'Enter' && target.classList.contains('react-flow__node')) {
    const id = target.getAttribute('data-id');
    if (id) {
      e.preventDefault();
      useFlowStore.getState().openPanel(id, true);
    }
    return;
  }
  if (!DELETE_KEYS.includes(e.key) || e.ctrlKey || e.metaKey || e.altKey) return;
  const { nodes, edges, deleteElements } = useFlowStore.getState();
  const targets = deletionTargets(target, canvas, nodes, edges);
  if (!targets) return;
  e.preventDefault();
  const what = deleteElements(targets.nodeIds, targets.edgeIds);
  if (!what) return;
  announce(`${what}. Press Ctrl+Z to undo.`);
  // the focused node or edge is going: keep focus on the canvas, not on the page
  const active = document.activeElement;
  if (!active || !canvas.contains(active) || active.closest('.react-flow__node, .react-flow__edge')) canvas.focus();
}

/** Ctrl+Z (Cmd+Z) anywhere on the page but in a text field undoes the last change of the flow. */
export function useUndoKey(undo: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, .cm-editor, select')) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);
}
