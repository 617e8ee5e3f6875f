// Live results of a run or of a node's preview: events as they arrive (Server-Sent Events), newest
// first, with a count, one column per property, and a CSV download of what the server retained.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@carbon/react';
import { Close, Download } from '@carbon/icons-react';
import { runCsvUrl, runEventsUrl } from '../api';
import { cellText, eventOf, type ResultEvent } from '../results/values';
import { announce } from '../common/announcer';

/** How often, at most, the live region tells the count of events received. */
const COUNT_EVERY_MS = 15_000;

export const MAX_EVENTS = 1000;

type Event = ResultEvent;

/**
 * Connects to the run's event stream while `active`: the server first replays the events it kept
 * (so the view survives a page refresh), then sends new ones. Keeps the latest MAX_EVENTS, newest
 * first. A new `generation` (a new run) reconnects.
 */
export function useRunEvents(flowId: string, active: boolean, generation = 0) {
  const [events, setEvents] = useState<Event[]>([]);
  const [received, setReceived] = useState(0);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!active || typeof EventSource === 'undefined') return;
    setEvents([]);
    setReceived(0);
    const source = new EventSource(runEventsUrl(flowId));
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.onmessage = (m) => {
      // numbers exactly as sent (DECIMAL), nested values as JSON text
      const event = eventOf(m.data);
      if (!event) return;
      setReceived((n) => n + 1);
      setEvents((list) => [event, ...list].slice(0, MAX_EVENTS));
    };
    return () => {
      source.close();
      setConnected(false);
    };
  }, [flowId, active, generation]);
  return { events, received, connected };
}

export function ResultsPanel({
  flowId,
  flowName,
  events,
  received,
  columns: known,
  running,
  node,
  onClose,
}: {
  flowId: string;
  flowName: string;
  events: Event[];
  received: number;
  /** the output properties of the node streamed: the previewed node, else the flow's last node */
  columns: string[];
  running: boolean;
  /** the previewed node; null or absent for the whole flow's output */
  node?: { id: string; name: string } | null;
  onClose: () => void;
}) {
  // the first events, then the count now and then, are announced; not every event
  const told = useRef({ count: 0, at: 0 });
  useEffect(() => {
    const now = Date.now();
    if (received === told.current.count) return;
    if (told.current.count > 0 && now - told.current.at < COUNT_EVERY_MS) return;
    told.current = { count: received, at: now };
    announce(`${received} ${received === 1 ? 'event' : 'events'} received`);
  }, [received]);
  const columns = useMemo(() => {
    const cols = [...known];
    for (const e of events.slice(0, 50)) for (const k of Object.keys(e)) if (!cols.includes(k)) cols.push(k);
    return cols;
  }, [known, events]);
  return (
    <section className="eddy-results" aria-label="Results">
      <header className="eddy-results__header">
        <h2 className="eddy-results__title" data-testid="results-title">
          {node ? `Preview of “${node.name}”` : 'Results of the flow'}
        </h2>
        <span className="eddy-results__count" data-testid="results-count">
          {received} {received === 1 ? 'event' : 'events'} received
          {received > events.length ? ` (showing the latest ${events.length})` : ''}
        </span>
        <span className="eddy-results__spacer" />
        {received > 0 ? (
          <a
            className="cds--btn cds--btn--ghost cds--btn--sm eddy-link-button"
            href={runCsvUrl(flowId)}
            download={`${flowName || 'results'}${node ? ` - ${node.name}` : ''}.csv`}
          >
            Download CSV <Download className="cds--btn__icon" aria-hidden="true" />
          </a>
        ) : (
          <Button kind="ghost" size="sm" renderIcon={Download} disabled>
            Download CSV
          </Button>
        )}
        <Button
          kind="ghost"
          size="sm"
          hasIconOnly
          renderIcon={Close}
          iconDescription="Close results"
          tooltipPosition="left"
          onClick={onClose}
        />
      </header>
      <div className="eddy-results__table">
        {events.length === 0 ? (
          <p className="eddy-hint">
            {running
              ? 'Waiting for events…'
              : 'No events received. Run the flow, or preview one of its nodes, to see the results here.'}
          </p>
        ) : (
          <table className="eddy-table eddy-table--results" aria-label="Output events">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={received - i}>
                  {columns.map((c) => (
                    <td key={c}>{cellText(e[c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
