// The home page: every flow as a tile with search, the "Create a new flow" card, per-flow options.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, InlineLoading, InlineNotification, OverflowMenu, OverflowMenuItem, Search, Tag } from '@carbon/react';
import { Add, Upload } from '@carbon/icons-react';
import * as api from '../api';
import type { FlowSummary } from '../types';
import { linkTo, navigate } from '../router';
import { ExportModal } from '../common/ExportModal';
import { CreateFlowModal } from './CreateFlowModal';
import { ImportModal } from './ImportModal';
import { DeleteFlowModal, RenameFlowModal } from './FlowModals';

const STATUS: Record<string, { label: string; type: 'gray' | 'green' | 'blue' | 'red' | 'purple' }> = {
  draft: { label: 'Draft', type: 'purple' },
  valid: { label: 'Valid', type: 'green' },
  running: { label: 'Running', type: 'blue' },
  failed: { label: 'Failed', type: 'red' },
};

export function lastChanged(iso?: string, now = Date.now()): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.round((now - t) / 1000);
  if (s < 60) return 'Changed just now';
  const m = Math.round(s / 60);
  if (m < 60) return `Changed ${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `Changed ${h} hour${h === 1 ? '' : 's'} ago`;
  return `Changed ${new Date(t).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}`;
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'import' }
  | { kind: 'export'; flow: FlowSummary }
  | { kind: 'rename'; flow: FlowSummary }
  | { kind: 'delete'; flow: FlowSummary }
  | null;

export function HomePage() {
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setFlows(await api.listFlows());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = [...(flows ?? [])].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
    return q
      ? list.filter((f) => f.name.toLowerCase().includes(q) || (f.description ?? '').toLowerCase().includes(q))
      : list;
  }, [flows, query]);

  const duplicate = async (f: FlowSummary) => {
    try {
      const copy = await api.duplicateFlow(f.id);
      setNotice(`“${f.name}” duplicated as “${copy.name}”.`);
      await refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="eddy-page">
      <header className="eddy-home__header">
        <h1 className="eddy-home__title">Flows</h1>
        <nav className="eddy-nav" aria-label="Pages">
          <a className="eddy-tile__link" {...linkTo('/jobs')}>
            Jobs
          </a>
        </nav>
        <Search
          id="flow-search"
          labelText="Search flows"
          placeholder="Search flows by name or description"
          size="lg"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </header>
      {error && (
        <InlineNotification
          kind="error"
          title="Something went wrong"
          subtitle={error}
          onCloseButtonClick={() => setError(null)}
        />
      )}
      {notice && (
        <InlineNotification kind="success" lowContrast title={notice} onCloseButtonClick={() => setNotice(null)} />
      )}
      <ul className="eddy-tiles" aria-label="Flows">
        <li className="eddy-tile eddy-tile--create">
          <h2 className="eddy-tile__name">Create a new flow</h2>
          <p className="eddy-tile__description">Start from an empty canvas, or import flows exported as JSON.</p>
          <div className="eddy-tile__actions">
            <Button size="sm" renderIcon={Add} onClick={() => setDialog({ kind: 'create' })}>
              Create
            </Button>
            <Button size="sm" kind="tertiary" renderIcon={Upload} onClick={() => setDialog({ kind: 'import' })}>
              Import
            </Button>
          </div>
        </li>
        {flows === null && !error && (
          <li className="eddy-tile">
            <InlineLoading description="Loading flows…" />
          </li>
        )}
        {shown.map((f) => {
          const status = STATUS[f.status] ?? { label: f.status, type: 'gray' as const };
          return (
            <li key={f.id} className="eddy-tile" data-flow-name={f.name}>
              <div className="eddy-tile__top">
                <a
                  className="eddy-tile__name eddy-tile__link"
                  href={`/flows/${encodeURIComponent(f.id)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/flows/${encodeURIComponent(f.id)}`);
                  }}
                >
                  {f.name}
                </a>
                <OverflowMenu
                  aria-label={`Options for ${f.name}`}
                  iconDescription={`Options for ${f.name}`}
                  flipped
                  size="sm"
                >
                  <OverflowMenuItem itemText="Export" onClick={() => setDialog({ kind: 'export', flow: f })} />
                  <OverflowMenuItem itemText="Rename" onClick={() => setDialog({ kind: 'rename', flow: f })} />
                  <OverflowMenuItem itemText="Duplicate" onClick={() => void duplicate(f)} />
                  <OverflowMenuItem
                    itemText="Delete"
                    isDelete
                    hasDivider
                    onClick={() => setDialog({ kind: 'delete', flow: f })}
                  />
                </OverflowMenu>
              </div>
              <p className="eddy-tile__description">{f.description || 'No description'}</p>
              <div className="eddy-tile__meta">
                <Tag type={status.type} size="sm">
                  {status.label}
                </Tag>
                <span className="eddy-hint">{lastChanged(f.updatedAt)}</span>
              </div>
            </li>
          );
        })}
        {flows !== null && shown.length === 0 && query && <li className="eddy-hint">No flow matches “{query}”.</li>}
      </ul>
      {dialog?.kind === 'create' && (
        <CreateFlowModal
          onClose={() => setDialog(null)}
          onCreated={(f) => navigate(`/flows/${encodeURIComponent(f.id)}`)}
        />
      )}
      {dialog?.kind === 'import' && (
        <ImportModal
          onClose={() => setDialog(null)}
          onImported={(created) => {
            setNotice(created.length === 1 ? `Imported “${created[0].name}”.` : `Imported ${created.length} flows.`);
            void refresh();
          }}
        />
      )}
      {dialog?.kind === 'export' && (
        <ExportModal
          open
          flow={dialog.flow}
          onClose={() => setDialog(null)}
          onOpenFlow={() => navigate(`/flows/${encodeURIComponent(dialog.flow.id)}`)}
        />
      )}
      {dialog?.kind === 'rename' && (
        <RenameFlowModal flow={dialog.flow} onClose={() => setDialog(null)} onDone={() => void refresh()} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteFlowModal flow={dialog.flow} onClose={() => setDialog(null)} onDone={() => void refresh()} />
      )}
    </div>
  );
}
