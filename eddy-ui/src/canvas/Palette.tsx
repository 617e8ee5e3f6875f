// The node palette: drag a node type onto the canvas (or press Enter to add it).
import { useEffect, useState } from 'react';
import { PALETTE_GROUPS, CATALOG } from '../nodes/catalog';
import type { NodeTypeName } from '../nodes/model';
import { listNodeTypes } from '../api';
import type { NodeTypeInfo } from '../types';

export const DRAG_TYPE = 'application/x-eddy-node-type';

let serverTypes: Promise<NodeTypeInfo[]> | null = null;

/**
 * The node types as the server's registry describes them (GET /api/node-types); the browser's
 * catalog is the fallback and decides which types have a panel here.
 */
function useServerTypes() {
  const [types, setTypes] = useState<NodeTypeInfo[]>([]);
  useEffect(() => {
    serverTypes ??= listNodeTypes().catch(() => {
      serverTypes = null;
      return [];
    });
    let live = true;
    void serverTypes.then((t) => live && setTypes(Array.isArray(t) ? t : []));
    return () => {
      live = false;
    };
  }, []);
  return types;
}

export function Palette({ onAdd }: { onAdd: (type: NodeTypeName) => void }) {
  const server = useServerTypes();
  const info = (t: NodeTypeName) => {
    const s = server.find((x) => x.type === t);
    return { label: s?.label ?? CATALOG[t].label, description: s?.description ?? CATALOG[t].description };
  };
  return (
    <nav className="eddy-palette" aria-label="Nodes">
      {PALETTE_GROUPS.map((g) => (
        <div key={g.group} className="eddy-palette__group">
          <h2 className="eddy-palette__title">{g.group}</h2>
          <ul>
            {g.types.map((t) => (
              <li key={t}>
                <div
                  className={`eddy-palette__item eddy-palette__item--${t}`}
                  draggable
                  tabIndex={0}
                  role="button"
                  data-node-type={t}
                  title={info(t).description}
                  aria-label={`${info(t).label}: drag onto the canvas, or press Enter to add`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, t);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onAdd(t);
                    }
                  }}
                >
                  {info(t).label}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
