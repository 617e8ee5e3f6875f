// The node panel and the results take room from the canvas (on a small screen, most of it). This
// keeps the edited node, and the nodes it is connected to, in what is left of the canvas, and gives
// the view back when the panel closes.
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import { useFlowStore } from '../store/flowStore';

/** A rectangle: on the canvas (flow coordinates) or on the pane (pixels from its top-left corner). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Keeping nodes in view zooms out at most to this (never in). */
export const KEEP_IN_VIEW_MIN_ZOOM = 0.6;

/**
 * The viewport that shows `nodes` (flow coordinates, the edited node first) inside `room` (where on
 * the pane a node can be seen), or null when they are all in it already. They are fitted into the
 * room at the current zoom or less (down to 60%, never in); when they do not fit even then, the
 * edited node is centred at the current zoom.
 */
export function keepInViewport(room: Box, nodes: Box[], viewport: Viewport): Viewport | null {
  const { x, y, zoom } = viewport;
  const seen = (n: Box) =>
    n.x * zoom + x >= room.x - 1 &&
    (n.x + n.width) * zoom + x <= room.x + room.width + 1 &&
    n.y * zoom + y >= room.y - 1 &&
    (n.y + n.height) * zoom + y <= room.y + room.height + 1;
  const edited = nodes[0];
  if (!edited || room.width <= 0 || room.height <= 0 || nodes.every(seen)) return null;
  const left = Math.min(...nodes.map((n) => n.x));
  const top = Math.min(...nodes.map((n) => n.y));
  const bounds = {
    x: left,
    y: top,
    width: Math.max(...nodes.map((n) => n.x + n.width)) - left,
    height: Math.max(...nodes.map((n) => n.y + n.height)) - top,
  };
  const fitting = Math.min(zoom, room.width / bounds.width, room.height / bounds.height);
  const shown = fitting >= Math.min(zoom, KEEP_IN_VIEW_MIN_ZOOM) ? bounds : edited;
  const next = shown === bounds ? fitting : zoom;
  return {
    x: room.x + room.width / 2 - (shown.x + shown.width / 2) * next,
    y: room.y + room.height / 2 - (shown.y + shown.height / 2) * next,
    zoom: next,
  };
}

const same = (a: Viewport, b: Viewport) =>
  Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 0.001;

/** The size a node is drawn at before React Flow has measured it (a node just dropped). */
const UNMEASURED = { width: 180, height: 60 };

/**
 * When a node's panel opens (or the results open or close beside it): moves the view so that the
 * node and the nodes it is connected to are inside what is left of the canvas and clear of the zoom
 * controls, when they are not. When the panel closes, the view goes back to what it was before it
 * moved, unless the user has panned or zoomed since. It moves at once, before the browser paints
 * the panel (one change on the screen, not two), and never while a pointer is down, so nothing
 * under a drag shifts.
 */
export function useKeepInView(
  canvas: RefObject<HTMLDivElement | null>,
  panelNodeId: string | null,
  resultsOpen: boolean,
) {
  const { getViewport, setViewport } = useReactFlow();
  const pointerDown = usePointerDown();
  // the view before the panel moved it, and the view it moved to
  const moved = useRef<{ before: Viewport; to: Viewport } | null>(null);
  // the node whose panel the view was last kept for
  const shownFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    const now = getViewport();
    if (!panelNodeId) {
      const m = moved.current;
      moved.current = null;
      shownFor.current = null;
      if (m && same(now, m.to)) void setViewport(m.before);
      return;
    }
    // the canvas as the panel and the results leave it (read before the browser paints)
    const pane = canvas.current?.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane || pointerDown.current) return;
    const { nodes, edges } = useFlowStore.getState();
    if (!nodes.some((n) => n.id === panelNodeId)) return;
    const ids = [panelNodeId];
    edges.forEach((e) => {
      if (e.source === panelNodeId) ids.push(e.target);
      if (e.target === panelNodeId) ids.push(e.source);
    });
    const boxes = ids.flatMap((id): Box[] => {
      const n = nodes.find((m) => m.id === id);
      if (!n) return [];
      const { width, height } = n.measured ?? {};
      return [{ ...n.position, ...(width && height ? { width, height } : UNMEASURED) }];
    });
    // the zoom controls sit on the canvas's left edge: a node under them is not in view
    const controls = canvas.current?.querySelector('.react-flow__controls')?.getBoundingClientRect();
    const left = (controls ? controls.right - pane.left : 0) + 8;
    const room = { x: left, y: 8, width: pane.width - left - 8, height: pane.height - 16 };
    // The user's own view is the one before the panel moved it, unless they have moved it since.
    // The results opening or closing beside the same panel fit the nodes anew from it (so they are
    // not left on an edge, and the user's view comes back when it shows them); another node's panel
    // moves the view only when that node or its neighbours are out of it.
    const ours = moved.current !== null && same(now, moved.current.to);
    const own = ours && moved.current ? moved.current.before : now;
    const next =
      ours && shownFor.current === panelNodeId
        ? (keepInViewport(room, boxes, own) ?? own)
        : keepInViewport(room, boxes, now);
    shownFor.current = panelNodeId;
    if (!next || same(next, now)) return;
    moved.current = same(next, own) ? null : { before: own, to: next };
    void setViewport(next);
  }, [canvas, panelNodeId, resultsOpen, getViewport, setViewport, pointerDown]);
}

/** Whether a mouse button or a finger is down (or a drag under way) anywhere on the page, as a ref. */
function usePointerDown() {
  const down = useRef(false);
  useEffect(() => {
    const press = () => (down.current = true);
    const release = () => (down.current = false);
    const releases = ['pointerup', 'pointercancel', 'dragend', 'drop'];
    window.addEventListener('pointerdown', press, true);
    releases.forEach((e) => window.addEventListener(e, release, true));
    return () => {
      window.removeEventListener('pointerdown', press, true);
      releases.forEach((e) => window.removeEventListener(e, release, true));
    };
  }, []);
  return down;
}
