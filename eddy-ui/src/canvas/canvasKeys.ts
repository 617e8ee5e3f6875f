// Delete/Backspace on the canvas. React Flow's own delete key listens on the whole page, so Backspace
// on a panel's button or the header's Results button removed the selected node: the canvas listens
// itself, and acts only when focus is on the canvas proper (a node, an edge, the pane), never on a
// control, wherever that control is.
import type { Edge } from '@xyflow/react';
import type { EddyNode } from '../nodes/model';

export const DELETE_KEYS = ['Delete', 'Backspace'];

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
