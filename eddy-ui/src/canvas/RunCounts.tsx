// The counts of the current (or last) run per node, shown as a small line on each canvas node.
import { createContext, useContext } from 'react';
import type { NodeCounts } from '../types';

export const RunCountsContext = createContext<Record<string, NodeCounts> | undefined>(undefined);

const number = new Intl.NumberFormat('en');

/** "out 10 · skipped 3 · nulled 2 · late 4": only what the node counts, nothing before a run. */
export function countsText(c: NodeCounts): string {
  const parts: string[] = [];
  if (c.in !== undefined) parts.push(`read ${number.format(c.in)}`);
  parts.push(`out ${number.format(c.out)}`);
  if (c.skipped) parts.push(`skipped ${number.format(c.skipped)}`);
  const nulled = Object.values(c.nulled ?? {}).reduce((a, b) => a + b, 0);
  if (nulled) parts.push(`nulled ${number.format(nulled)}`);
  if (c.late) parts.push(`late ${number.format(c.late)}`);
  return parts.join(' · ');
}

/** The full sentence for screen readers and the tooltip, with nulled values per property. */
function countsTitle(c: NodeCounts): string {
  const nulled = Object.entries(c.nulled ?? {})
    .map(([p, n]) => `${p} ${n}`)
    .join(', ');
  return (
    countsText(c) +
    (nulled ? ` (values that did not fit and became null: ${nulled})` : '') +
    (c.skipped
      ? '; skipped = messages that cannot be read (not JSON, or not Avro of the schema) or have no readable event time'
      : '')
  );
}

export function NodeCountsBadge({ id }: { id: string }) {
  const counts = useContext(RunCountsContext)?.[id];
  if (!counts) return null;
  const title = countsTitle(counts);
  return (
    <div className="eddy-node__counts" data-testid={`counts-${id}`} title={title} aria-label={`Run counts: ${title}`}>
      {countsText(counts)}
    </div>
  );
}
