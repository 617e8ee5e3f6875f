// Moving focus to what a step produced (a node just added, the node whose panel closed), once React
// Flow has drawn it: focus must never fall to the page.

/**
 * Focuses node `id` on the canvas as soon as it can take focus (within about a second: React Flow
 * keeps a new node invisible until it has measured it), else the canvas.
 */
export function focusNode(id: string, tries = 60) {
  const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  el?.focus();
  if (el && document.activeElement === el) return;
  if (tries > 0) requestAnimationFrame(() => focusNode(id, tries - 1));
  else document.querySelector<HTMLElement>('.eddy-canvas')?.focus();
}
