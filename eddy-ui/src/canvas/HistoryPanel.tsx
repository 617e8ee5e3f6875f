// The flow's history on the canvas: every saved revision, newest first, with what that save changed
// (the server's diff, as `eddy diff` words it) and a Restore button that saves an older revision as
// a new one (the others stay).
import { useCallback, useEffect, useState } from 'react';
import { Button, InlineLoading, InlineNotification } from '@carbon/react';
import { Close, RecentlyViewed } from '@carbon/icons-react';
import * as api from '../api';
import type { HistoryEntry, RevisionDiff } from '../types';
import { lastChanged } from '../home/HomePage';
import { useFlowStore } from '../store/flowStore';

/** How many revisions the panel shows before "Show older". */
const SHOWN = 20;

/** The header's History button and, when open, the panel. */
export function HistoryButton({
  flowId,
  onRestored,
  restoreRefusal = null,
}: {
  flowId: string;
  onRestored: () => Promise<void> | void;
  /** why the signed-in role may not restore (a viewer), or null */
  restoreRefusal?: string | null;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button kind="ghost" size="sm" renderIcon={RecentlyViewed} onClick={() => setOpen((o) => !o)}>
        History
      </Button>
      {open && (
        <HistoryPanel
          flowId={flowId}
          onClose={() => setOpen(false)}
          onRestored={onRestored}
          restoreRefusal={restoreRefusal}
        />
      )}
    </>
  );
}

export function HistoryPanel({
  flowId,
  onClose,
  onRestored,
  restoreRefusal = null,
}: {
  flowId: string;
  onClose: () => void;
  onRestored: () => Promise<void> | void;
  restoreRefusal?: string | null;
}) {
  // the list follows the editor's saves: a new revision reloads it
  const revision = useFlowStore((s) => s.revision);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [shown, setShown] = useState(SHOWN);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setEntries(await api.flowHistory(flowId));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [flowId]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  const restore = async (r: number) => {
    setRestoring(r);
    try {
      // changes not saved yet are saved first, so the restore does not drop them from the history
      const editor = useFlowStore.getState();
      if (editor.saveState === 'pending' || editor.saveState === 'saving') await editor.saveNow();
      await api.restoreRevision(flowId, r);
      await onRestored();
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRestoring(null);
    }
  };

  return (
    <aside className="eddy-panel eddy-history" aria-label="History">
      <header className="eddy-panel__header">
        <h2 className="eddy-panel__title">History</h2>
        <Button
          kind="ghost"
          size="sm"
          hasIconOnly
          renderIcon={Close}
          iconDescription="Close the history"
          onClick={onClose}
        />
      </header>
      <div className="eddy-history__body">
        {error && (
          <InlineNotification
            kind="error"
            lowContrast
            title="History"
            subtitle={error}
            onCloseButtonClick={() => setError(null)}
          />
        )}
        {entries === null && !error && <InlineLoading description="Loading the history…" />}
        {restoreRefusal && <p className="eddy-hint">{restoreRefusal}</p>}
        <ol className="eddy-history__list">
          {(entries ?? []).slice(0, shown).map((e, i) => (
            <li key={e.revision} className="eddy-history__entry" data-revision={e.revision}>
              <div className="eddy-history__title">
                <strong>Revision {e.revision}</strong>
                {i === 0 && <span className="eddy-hint"> (current)</span>}
                <span className="eddy-hint">
                  {' · '}
                  {lastChanged(e.updatedAt)}
                  {e.user ? ` by ${e.user}` : ''}
                </span>
              </div>
              <RevisionChanges flowId={flowId} entry={e} previous={entries?.[i + 1]} />
              {i > 0 && !restoreRefusal && (
                <Button
                  kind="tertiary"
                  size="sm"
                  disabled={restoring !== null}
                  onClick={() => void restore(e.revision)}
                >
                  {restoring === e.revision ? 'Restoring…' : `Restore revision ${e.revision}`}
                </Button>
              )}
            </li>
          ))}
        </ol>
        {entries && entries.length > shown && (
          <Button kind="ghost" size="sm" onClick={() => setShown((n) => n + SHOWN)}>
            Show older revisions
          </Button>
        )}
      </div>
    </aside>
  );
}

/** What the save of `entry` changed: the diff from the revision before it. */
function RevisionChanges({
  flowId,
  entry,
  previous,
}: {
  flowId: string;
  entry: HistoryEntry;
  previous?: HistoryEntry;
}) {
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!previous) return;
    let live = true;
    api
      .diffRevisions(flowId, previous.revision, entry.revision)
      .then((d) => live && setDiff(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [flowId, entry.revision, previous]);

  if (!previous) {
    return <p className="eddy-hint">{entry.revision === 1 ? 'Created.' : 'Older revisions are not kept.'}</p>;
  }
  if (error) return <p className="eddy-error-text">{error}</p>;
  if (!diff) return <InlineLoading description="Comparing…" />;
  if (diff.identical) return <p className="eddy-hint">No change to the flow (only its layout).</p>;
  return (
    <ul className="eddy-history__changes" aria-label={`Changes in revision ${entry.revision}`}>
      {diff.changes.map((c, i) => (
        <li key={i} className="eddy-mono">
          {symbol(c.kind)} {c.text}
        </li>
      ))}
    </ul>
  );
}

function symbol(kind: string): string {
  if (kind === 'nodeAdded' || kind === 'connectionAdded') return '+';
  if (kind === 'nodeRemoved' || kind === 'connectionRemoved') return '−';
  return '~';
}
