// The home page: the catalogue of flows as tiles, a page at a time, searched, filtered (status, tag)
// and sorted by the server, with per-status counts; the "Create a new flow" card, per-flow options.
import { memo, useCallback, useState } from 'react';
import {
  Button,
  InlineLoading,
  InlineNotification,
  OverflowMenu,
  OverflowMenuItem,
  Search,
  Select,
  SelectItem,
  Tag,
} from '@carbon/react';
import { Add, Upload } from '@carbon/icons-react';
import * as api from '../api';
import type { FlowSort, FlowSummary } from '../types';
import { useCatalogue } from './catalogue';
import { linkTo, navigate } from '../router';
import { ExportModal } from '../common/ExportModal';
import { CreateFlowModal } from './CreateFlowModal';
import { ImportModal } from './ImportModal';
import { DeleteFlowModal, RenameFlowModal } from './FlowModals';
import { useRefusal } from '../auth/permissions';

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

const STATUS_ORDER = ['draft', 'valid', 'running', 'failed'];

export function HomePage() {
  const catalogue = useCatalogue();
  const { flows, page, error, setError, refresh, text, searched, status, tag } = catalogue;
  const [dialog, setDialog] = useState<Dialog>(null);
  // a viewer sees the flows; creating, importing and changing them needs the editor role
  const changeRefusal = useRefusal('editor', 'Creating, importing, exporting and changing flows');
  const [notice, setNotice] = useState<string | null>(null);
  const counts = page?.counts ?? {};
  const all = STATUS_ORDER.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  const filtered = !!(searched || status || tag);

  const duplicate = useCallback(
    async (f: FlowSummary) => {
      try {
        const copy = await api.duplicateFlow(f.id);
        setNotice(`“${f.name}” duplicated as “${copy.name}”.`);
        await refresh();
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [refresh, setError],
  );

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
          value={text}
          onChange={(e) => catalogue.setText(e.target.value)}
        />
      </header>
      <div className="eddy-catalogue__filters">
        <div className="eddy-catalogue__counts" role="group" aria-label="Filter by status">
          <button
            type="button"
            className="eddy-catalogue__count"
            aria-pressed={status === ''}
            onClick={() => catalogue.setStatus('')}
          >
            All <strong>{all}</strong>
          </button>
          {STATUS_ORDER.map((s) => (
            <button
              key={s}
              type="button"
              className="eddy-catalogue__count"
              data-status={s}
              aria-pressed={status === s}
              onClick={() => catalogue.setStatus(status === s ? '' : s)}
            >
              {STATUS[s].label} <strong>{counts[s] ?? 0}</strong>
            </button>
          ))}
        </div>
        <Select
          id="flow-tag"
          labelText="Tag"
          size="sm"
          inline
          value={tag}
          onChange={(e) => catalogue.setTag(e.target.value)}
        >
          <SelectItem value="" text="All tags" />
          {catalogue.tags.map((t) => (
            <SelectItem key={t.tag} value={t.tag} text={`${t.tag} (${t.count})`} />
          ))}
          {tag && !catalogue.tags.some((t) => t.tag === tag) && <SelectItem value={tag} text={tag} />}
        </Select>
        <Select
          id="flow-sort"
          labelText="Sort by"
          size="sm"
          inline
          value={catalogue.sort}
          onChange={(e) => catalogue.setSort(e.target.value as FlowSort)}
        >
          <SelectItem value="changed" text="Last changed" />
          <SelectItem value="name" text="Name" />
          <SelectItem value="status" text="Status" />
        </Select>
        {page && (
          <span className="eddy-hint" role="status" data-testid="flow-total">
            {page.total === 1 ? '1 flow' : `${page.total} flows`}
            {flows && flows.length < page.total ? `, ${flows.length} shown` : ''}
          </span>
        )}
      </div>
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
      <ul className="eddy-tiles" aria-label="Flows" data-query={catalogue.answered ?? undefined}>
        <li className="eddy-tile eddy-tile--create">
          <h2 className="eddy-tile__name">Create a new flow</h2>
          <p className="eddy-tile__description">Start from an empty canvas, or import flows exported as JSON.</p>
          <div className="eddy-tile__actions">
            <Button
              size="sm"
              renderIcon={Add}
              disabled={!!changeRefusal}
              aria-describedby={changeRefusal ? 'role-reason' : undefined}
              onClick={() => setDialog({ kind: 'create' })}
            >
              Create
            </Button>
            <Button
              size="sm"
              kind="tertiary"
              renderIcon={Upload}
              disabled={!!changeRefusal}
              aria-describedby={changeRefusal ? 'role-reason' : undefined}
              onClick={() => setDialog({ kind: 'import' })}
            >
              Import
            </Button>
          </div>
          {changeRefusal && (
            <p className="eddy-hint" id="role-reason" data-testid="role-reason">
              {changeRefusal}
            </p>
          )}
        </li>
        {flows === null && !error && (
          <li className="eddy-tile">
            <InlineLoading description="Loading flows…" />
          </li>
        )}
        {(flows ?? []).map((f) => (
          <FlowTile
            key={f.id}
            flow={f}
            canChange={!changeRefusal}
            onDialog={setDialog}
            onDuplicate={duplicate}
            onTag={catalogue.setTag}
          />
        ))}
        {flows !== null && flows.length === 0 && filtered && (
          <li className="eddy-hint">
            {searched ? `No flow matches “${searched}”` : 'No flow matches'}
            {status ? ` with status ${STATUS[status].label}` : ''}
            {tag ? ` tagged ${tag}` : ''}.
          </li>
        )}
      </ul>
      {page?.next && (
        <div className="eddy-catalogue__more">
          <Button kind="tertiary" size="sm" disabled={catalogue.loadingMore} onClick={() => void catalogue.loadMore()}>
            {catalogue.loadingMore ? 'Loading…' : 'Show more flows'}
          </Button>
        </div>
      )}
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

/**
 * One flow's tile. Memoized: typing in the search box re-renders the page, not its tiles (each
 * with a Carbon menu), so a keystroke stays cheap until the server's answer replaces them.
 */
const FlowTile = memo(function FlowTile({
  flow: f,
  canChange,
  onDialog,
  onDuplicate,
  onTag,
}: {
  flow: FlowSummary;
  /** a viewer sees the flows; every option changes or exports the flow, so a viewer has none */
  canChange: boolean;
  onDialog: (dialog: Dialog) => void;
  onDuplicate: (flow: FlowSummary) => void;
  onTag: (tag: string) => void;
}) {
  const shown = STATUS[f.status] ?? { label: f.status, type: 'gray' as const };
  return (
    <li className="eddy-tile" data-flow-name={f.name}>
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
        {canChange && (
          <OverflowMenu
            aria-label={`Options for ${f.name}`}
            iconDescription={`Options for ${f.name}`}
            flipped
            size="sm"
          >
            <OverflowMenuItem itemText="Export" onClick={() => onDialog({ kind: 'export', flow: f })} />
            <OverflowMenuItem itemText="Rename" onClick={() => onDialog({ kind: 'rename', flow: f })} />
            <OverflowMenuItem itemText="Duplicate" onClick={() => onDuplicate(f)} />
            <OverflowMenuItem
              itemText="Delete"
              isDelete
              hasDivider
              onClick={() => onDialog({ kind: 'delete', flow: f })}
            />
          </OverflowMenu>
        )}
      </div>
      <p className="eddy-tile__description">{f.description || 'No description'}</p>
      <div className="eddy-tile__meta">
        <Tag type={shown.type} size="sm">
          {shown.label}
        </Tag>
        <span className="eddy-hint">{lastChanged(f.updatedAt)}</span>
      </div>
      {f.tags && f.tags.length > 0 && (
        <div className="eddy-tile__tags">
          {f.tags.map((t) => (
            <button
              key={t}
              type="button"
              className="eddy-tile__tag"
              title={`Show the flows tagged ${t}`}
              onClick={() => onTag(t)}
            >
              {t}
            </button>
          ))}
        </div>
      )}
    </li>
  );
});
