import { describe, expect, it } from 'vitest';
import { freeSpot } from '../placement';
import type { EddyNode } from '../../nodes/model';

const node = (id: string, x: number, y: number): EddyNode =>
  ({ id, type: 'filter', position: { x, y }, data: { name: id, config: {} } }) as EddyNode;

describe('a node added from the keyboard', () => {
  it('goes where asked on an empty canvas', () => {
    expect(freeSpot({ x: 100, y: 100 }, [])).toEqual({ x: 100, y: 100 });
  });

  it('never lands on another node: each new one finds free space', () => {
    const nodes: EddyNode[] = [];
    for (let i = 0; i < 12; i++) {
      const at = freeSpot({ x: 100, y: 100 }, nodes);
      for (const n of nodes) {
        const apart = Math.abs(n.position.x - at.x) >= 200 || Math.abs(n.position.y - at.y) >= 70;
        expect(apart, `node ${i} at ${JSON.stringify(at)} overlaps ${n.id}`).toBe(true);
      }
      nodes.push(node(`n${i}`, at.x, at.y));
    }
  });

  it('takes the measured size of a node into account', () => {
    const wide = { ...node('wide', 100, 100), measured: { width: 600, height: 70 } } as EddyNode;
    const at = freeSpot({ x: 100, y: 100 }, [wide]);
    expect(at.x >= 100 + 600 || at.y >= 100 + 70 || at.y + 70 <= 100 || at.x + 200 <= 100).toBe(true);
  });
});
