// The node palette: drag a node type onto the canvas (or press Enter to add it).
import { PALETTE_GROUPS, CATALOG } from '../nodes/catalog';
import type { NodeTypeName } from '../nodes/model';

export const DRAG_TYPE = 'application/x-eddy-node-type';

export function Palette({ onAdd }: { onAdd: (type: NodeTypeName) => void }) {
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
                  title={CATALOG[t].description}
                  aria-label={`${CATALOG[t].label}: drag onto the canvas, or press Enter to add`}
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
                  {CATALOG[t].label}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
