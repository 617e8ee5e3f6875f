import { useEffect, useRef, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useFlowStore } from '../store/flowStore';

/** Keeping the edited node in view zooms out at most to this (never in). */
const KEEP_IN_VIEW_MIN_ZOOM = 0.6;

/**
 * The panel and the results take room from the canvas (on a small screen, most of it): keeps the
 * edited node, and the nodes it is connected to, in view and clear of the zoom controls. Only when
 * the panel or the results open or close, once the layout has settled, and never while a pointer is
 * down (a pan under a drag would move its target). They are fitted into what is left of the canvas
 * (zooming out to 60% at most, never in); when they do not fit even then, the edited node is
 * centred.
 */
export function useKeepInView(
  canvas: RefObject<HTMLDivElement | null>,
  panelNodeId: string | null,
  resultsOpen: boolean,
) {
  const { setCenter, getZoom, fitView, getNodesBounds } = useReactFlow();
  const pointerDown = usePointerDown();
  useEffect(() => {
    if (!panelNodeId) return;
    const keepInView = () => {
      const view = canvas.current?.getBoundingClientRect();
      if (!view || pointerDown.current) return;
      const { nodes, edges } = useFlowStore.getState();
      const ids = new Set([panelNodeId]);
      edges.forEach((e) => {
        if (e.source === panelNodeId) ids.add(e.target);
        if (e.target === panelNodeId) ids.add(e.source);
      });
      const wanted = nodes.filter((n) => ids.has(n.id));
      // the zoom controls sit on the canvas's left edge: a node under them is not in view
      const controls = canvas.current?.querySelector('.react-flow__controls')?.getBoundingClientRect();
      const margin = { left: (controls ? controls.right - view.left : 0) + 8, top: 8, right: 8, bottom: 8 };
      const inView = (id: string) => {
        const r = canvas.current
          ?.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
          ?.getBoundingClientRect();
        return (
          !!r &&
          r.left >= view.left + margin.left &&
          r.right <= view.right - margin.right &&
          r.top >= view.top + margin.top &&
          r.bottom <= view.bottom - margin.bottom
        );
      };
      if (wanted.length === 0 || wanted.every((n) => inView(n.id))) return;
      const zoom = getZoom();
      const bounds = getNodesBounds(wanted);
      const minZoom = Math.min(zoom, KEEP_IN_VIEW_MIN_ZOOM);
      const room = { width: view.width - margin.left - margin.right, height: view.height - margin.top - margin.bottom };
      if (bounds.width * minZoom <= room.width && bounds.height * minZoom <= room.height) {
        const padding = Object.fromEntries(Object.entries(margin).map(([side, px]) => [side, `${px}px` as const]));
        void fitView({ nodes: wanted.map((n) => ({ id: n.id })), padding, maxZoom: zoom, minZoom });
        return;
      }
      const node = wanted.find((n) => n.id === panelNodeId)!;
      const w = node.measured?.width ?? 180;
      const h = node.measured?.height ?? 60;
      void setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom });
    };
    // two frames: the first lays out the panel or results, the second sees the canvas they leave
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(keepInView);
    });
    return () => cancelAnimationFrame(frame);
  }, [canvas, panelNodeId, resultsOpen, setCenter, getZoom, fitView, getNodesBounds, pointerDown]);
}

/** Whether a mouse button or a finger is down anywhere on the page, as a ref (no re-render). */
function usePointerDown() {
  const down = useRef(false);
  useEffect(() => {
    const press = () => (down.current = true);
    const release = () => (down.current = false);
    window.addEventListener('pointerdown', press, true);
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
    return () => {
      window.removeEventListener('pointerdown', press, true);
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
    };
  }, []);
  return down;
}
