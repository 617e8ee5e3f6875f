import { describe, expect, it } from 'vitest';
import { keepInViewport, type Box } from '../keepInView';

// the room a 1024×768 window leaves the canvas with the panel and the results open: 384 × 367
// pixels, less the zoom controls on the left and a margin
const room: Box = { x: 50, y: 8, width: 326, height: 351 };
const node = (x: number, y: number): Box => ({ x, y, width: 180, height: 60 });

/** Where `box` (flow coordinates) is drawn on the pane at `view`. */
const drawn = (box: Box, view: { x: number; y: number; zoom: number }) => ({
  x: box.x * view.zoom + view.x,
  y: box.y * view.zoom + view.y,
  width: box.width * view.zoom,
  height: box.height * view.zoom,
});
const inside = (b: Box, r: Box) =>
  b.x >= r.x - 0.01 &&
  b.y >= r.y - 0.01 &&
  b.x + b.width <= r.x + r.width + 0.01 &&
  b.y + b.height <= r.y + r.height + 0.01;

describe('keeping the edited node and its neighbours in view', () => {
  it('leaves the view alone when they are in view already', () => {
    expect(keepInViewport(room, [node(100, 50), node(-150, 50)], { x: 170, y: 0, zoom: 0.7 })).toBeNull();
  });

  it('fits them into the room, zooming out as little as it needs', () => {
    // the edited node on the room's lower edge, its source off to the left
    const nodes = [node(300, 300), node(0, 300)];
    const view = keepInViewport(room, nodes, { x: 0, y: 0, zoom: 1 })!;
    expect(view.zoom).toBeCloseTo(326 / 480);
    nodes.forEach((n) => expect(inside(drawn(n, view), room)).toBe(true));
    // centred in the room
    const both = drawn({ x: 0, y: 300, width: 480, height: 60 }, view);
    expect(both.y + both.height / 2).toBeCloseTo(room.y + room.height / 2);
  });

  it('never zooms in', () => {
    const nodes = [node(2000, 0)];
    const view = keepInViewport(room, nodes, { x: 0, y: 0, zoom: 0.5 })!;
    expect(view.zoom).toBe(0.5);
    expect(inside(drawn(nodes[0], view), room)).toBe(true);
  });

  it('zooms out to 60% at most: further apart, it centres the edited node at the same zoom', () => {
    const edited = node(2000, 0);
    const view = keepInViewport(room, [edited, node(0, 0)], { x: 0, y: 0, zoom: 1 })!;
    expect(view.zoom).toBe(1);
    const e = drawn(edited, view);
    expect(e.x + e.width / 2).toBeCloseTo(room.x + room.width / 2);
    expect(e.y + e.height / 2).toBeCloseTo(room.y + room.height / 2);
  });

  it('does nothing without room', () => {
    expect(
      keepInViewport({ x: 50, y: 8, width: -10, height: 100 }, [node(0, 0)], { x: 500, y: 0, zoom: 1 }),
    ).toBeNull();
  });
});
