// The node palette: drag a node type onto the canvas (or press Enter to add it). Its groups, labels,
// descriptions and colours are the server's registry's (GET /api/node-types).
import { useMemo } from 'react';
import { paletteGroups, useNodeTypes } from '../nodes/nodeTypes';

export const DRAG_TYPE = 'application/x-eddy-node-type';

export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const types = useNodeTypes((s) => s.types);
  const groups = useMemo(() => paletteGroups(types ?? []), [types]);
  return (
    <nav className="eddy-palette" aria-label="Nodes">
      {groups.map((g) => (
        <div key={g.group} className="eddy-palette__group">
          <h2 className="eddy-palette__title">{g.group}</h2>
          <ul>
            {g.types.map((t) => (
              <li key={t.type}>
                <div
                  className="eddy-palette__item"
                  style={{ '--eddy-type-color': t.color } as React.CSSProperties}
                  draggable
                  tabIndex={0}
                  role="button"
                  data-node-type={t.type}
                  title={t.description}
                  aria-label={`${t.label}: drag onto the canvas, or press Enter to add`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, t.type);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onAdd(t.type);
                    }
                  }}
                >
                  {t.label}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
