// Where a node added from the keyboard goes: the first free spot near the middle of the view, so it
// never lands on top of another node (Enter twice on the palette gives two nodes side by side).
import type { XYPosition } from '@xyflow/react';
import type { EddyNode } from '../nodes/model';

/** A node's box when React Flow has not measured it yet (the drawn node is about this big). */
const NODE = { width: 200, height: 70 };
const GAP = 30;

function overlaps(at: XYPosition, node: EddyNode) {
  const width = node.measured?.width ?? NODE.width;
  const height = node.measured?.height ?? NODE.height;
  return (
    at.x < node.position.x + width + GAP &&
    node.position.x < at.x + NODE.width + GAP &&
    at.y < node.position.y + height + GAP &&
    node.position.y < at.y + NODE.height + GAP
  );
}

/** The nearest spot to `wanted` (ring by ring: below, right, above, left) that no node covers. */
export function freeSpot(wanted: XYPosition, nodes: EddyNode[]): XYPosition {
  const stepX = NODE.width + GAP;
  const stepY = NODE.height + GAP;
  for (let ring = 0; ring < 20; ring++) {
    const candidates: XYPosition[] = [];
    for (let dy = -ring; dy <= ring; dy++)
      for (let dx = -ring; dx <= ring; dx++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) candidates.push({ x: dx, y: dy });
    // nearer first; on a tie prefer right of the middle (flows read left to right), then below
    candidates.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y) || b.x - a.x || b.y - a.y);
    for (const c of candidates) {
      const at = { x: wanted.x + c.x * stepX, y: wanted.y + c.y * stepY };
      if (!nodes.some((n) => overlaps(at, n))) return at;
    }
  }
  return wanted;
}
