// The canvas page: header (name, save state, export, deploy, run), palette, graph, node panel, results.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  Controls,
  ControlButton,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeTypes,
} from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { Button, InlineLoading, InlineNotification, MenuButton, MenuItem, Tag } from '@carbon/react';
import { ArrowLeft, CloudUpload, Export, Stop, Undo, Table } from '@carbon/icons-react';
import * as api from '../api';
import type { RunMode, RunStatus } from '../types';
import { deployBlocker, runBlocker, useFlowStore } from '../store/flowStore';
import { loadNodeTypes, nodeTypeOf, useNodeTypes } from '../nodes/nodeTypes';
import { FlowNodeView, STATUS_LABEL } from './FlowNodeView';
import { RunCountsContext } from './RunCounts';
import { DRAG_TYPE, Palette } from './Palette';
import { NodePanel } from './NodePanel';
import { ResultsPanel, useRunEvents } from './ResultsPanel';
import { HistoryButton } from './HistoryPanel';
import { ExportModal } from '../common/ExportModal';
import { linkTo, navigate } from '../router';
import { DeployModal } from '../jobs/DeployModal';
import { loadEnvironment } from '../environment';
import { announce } from '../common/announcer';
import { onCanvasKeyDown, useUndoKey } from './canvasKeys';
import { DeletedToast } from './DeletedToast';
import { useRefusal } from '../auth/permissions';
import { freeSpot } from './placement';
import { focusNode } from './focus';
import { useKeepInView } from './keepInView';

const ACTIVE = new Set(['starting', 'running', 'created', 'initializing', 'restarting', 'stopping']);

// React Flow announces a node moved with the arrow keys in a live region of its own (assertive, with
// coordinates); Eddy's one polite region says it instead, so nothing interrupts or speaks twice
const ONE_LIVE_REGION = {
  'node.a11yDescription.ariaLiveMessage': ({ direction }: { direction: string }) => {
    announce(`Node moved ${direction}.`);
    return '';
  },
};

export function FlowEditor({ flowId }: { flowId: string }) {
  const load = useFlowStore((s) => s.load);
  const reset = useFlowStore((s) => s.reset);
  const loaded = useFlowStore((s) => s.flowId === flowId);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setError(null);
    try {
      // the environment gives new Kafka nodes the server's broker; the flow opens without it too.
      // The node types (palette, ports, fields) come from the server's registry.
      const [flow] = await Promise.all([api.getFlow(flowId), loadEnvironment(), loadNodeTypes()]);
      load(flow);
      await useFlowStore.getState().refreshReport();
    } catch (e) {
      setError((e as Error).message);
    }
  }, [flowId, load]);

  useEffect(() => {
    void reload();
    return () => reset();
  }, [reload, reset]);

  if (error) {
    return (
      <div className="eddy-page eddy-page--center">
        <InlineNotification kind="error" title="The flow cannot be opened" subtitle={error} hideCloseButton />
        <Button kind="tertiary" onClick={() => navigate('/')}>
          Back to the flows
        </Button>
      </div>
    );
  }
  if (!loaded) return <InlineLoading className="eddy-page--center" description="Opening the flow…" />;
  return (
    <ReactFlowProvider>
      <Editor flowId={flowId} reload={reload} />
    </ReactFlowProvider>
  );
}

function SaveIndicator({ reload }: { reload: () => void }) {
  const { saveState, saveError, saveNow } = useFlowStore(
    useShallow((s) => ({ saveState: s.saveState, saveError: s.saveError, saveNow: s.saveNow })),
  );
  // the app's live region tells how a save ended (not every "Saving…")
  const previous = useRef(saveState);
  useEffect(() => {
    const was = previous.current;
    previous.current = saveState;
    if (was === saveState) return;
    if (saveState === 'saved' && was === 'saving') announce('Saved');
    if (saveState === 'failed') announce(`Failed to save${saveError ? `: ${saveError}` : ''}`);
    if (saveState === 'conflict') announce('Changed elsewhere: your latest change is not saved.');
  }, [saveState, saveError]);
  return (
    <div className="eddy-save" data-testid="save-state" data-state={saveState}>
      {saveState === 'saved' && <span className="eddy-save__ok">Saved</span>}
      {(saveState === 'saving' || saveState === 'pending') && <span>Saving…</span>}
      {saveState === 'failed' && (
        <>
          <span className="eddy-error-text" title={saveError ?? undefined}>
            Failed to save{saveError ? `: ${saveError}` : ''}
          </span>
          <Button kind="ghost" size="sm" onClick={() => void saveNow()}>
            Retry
          </Button>
        </>
      )}
      {saveState === 'conflict' && (
        <>
          <span className="eddy-error-text">Changed elsewhere: your latest change is not saved.</span>
          <Button kind="ghost" size="sm" onClick={reload}>
            Reload
          </Button>
        </>
      )}
    </div>
  );
}

/** The flow's name in the header; click (or Enter) to rename it, saved like any other change. */
function FlowName({ readOnly }: { readOnly: boolean }) {
  const name = useFlowStore((s) => s.name);
  const setFlowName = useFlowStore((s) => s.setFlowName);
  const [editing, setEditing] = useState<string | null>(null);
  const commit = () => {
    if (editing !== null && editing.trim() && editing.trim() !== name) setFlowName(editing.trim());
    setEditing(null);
  };
  if (editing !== null) {
    return (
      <input
        className="eddy-header__name-input"
        aria-label="Flow name"
        autoFocus
        value={editing}
        onChange={(e) => setEditing(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setEditing(null);
        }}
      />
    );
  }
  if (readOnly) return <h1 className="eddy-header__name">{name}</h1>;
  return (
    <h1 className="eddy-header__name">
      <button
        type="button"
        className="eddy-header__name-button"
        title="Rename the flow"
        onClick={() => setEditing(name)}
      >
        {name}
      </button>
    </h1>
  );
}

/**
 * The run's status in words, for the live region: "The flow is running", "The preview of “Orders” is
 * stopped". A failure is not among them: the banner above the canvas (a status region itself) says it.
 */
function runSentence(run: RunStatus | null): string | null {
  const s = run?.status?.toLowerCase();
  if (!s || s === 'none' || s === 'idle' || s === 'failed') return null;
  return `${run?.node ? `The preview of “${run.node.name}”` : 'The flow'} is ${s}`;
}

function statusTag(run: RunStatus | null) {
  const s = run?.status?.toLowerCase();
  if (!s || s === 'none' || s === 'idle') return null;
  const type =
    s === 'running' ? 'green' : s === 'failed' ? 'red' : s === 'stopped' || s === 'finished' ? 'gray' : 'blue';
  // a preview says which node it runs: "Previewing “Orders”", "Starting preview of “Orders”", "Preview stopped"
  const label = !run?.node
    ? s.charAt(0).toUpperCase() + s.slice(1)
    : s === 'running'
      ? `Previewing “${run.node.name}”`
      : s === 'starting'
        ? `Starting preview of “${run.node.name}”`
        : `Preview ${s}`;
  return (
    <Tag type={type} size="md" data-testid="run-status" title={run?.node ? `Preview of “${run.node.name}”` : undefined}>
      {label}
    </Tag>
  );
}

function Editor({ flowId, reload }: { flowId: string; reload: () => void }) {
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, isValidConnection, addNodeByType, undo, openPanel } =
    useFlowStore(
      useShallow((s) => ({
        nodes: s.nodes,
        edges: s.edges,
        onNodesChange: s.onNodesChange,
        onEdgesChange: s.onEdgesChange,
        onConnect: s.onConnect,
        isValidConnection: s.isValidConnection,
        addNodeByType: s.addNodeByType,
        undo: s.undo,
        openPanel: s.openPanel,
      })),
    );
  const name = useFlowStore((s) => s.name);
  const panelNodeId = useFlowStore((s) => s.panelNodeId);
  const canUndo = useFlowStore((s) => s.past.length > 0);
  const blocker = useFlowStore((s) => runBlocker(s));
  const flowDeployBlock = useFlowStore((s) => deployBlocker(s));
  // what the signed-in role may not do here (a viewer looks; an editor does not deploy); the server
  // refuses it anyway
  const editRefusal = useRefusal('editor', 'Changing this flow');
  const runRefusal = useRefusal('editor', 'Running or previewing a flow');
  const exportRefusal = useRefusal('editor', 'Exporting a flow');
  const deployBlock = useRefusal('admin', 'Deploying') ?? flowDeployBlock;
  const runBlock = runRefusal ?? blocker;
  useEffect(() => useFlowStore.setState({ readOnly: !!editRefusal }), [editRefusal]);
  const undoAllowed = useCallback(() => {
    if (!editRefusal) undo();
  }, [editRefusal, undo]);
  const report = useFlowStore((s) => s.report);
  const registry = useNodeTypes((s) => s.types);
  // every node is drawn by FlowNodeView, also one of a type the registry does not know
  const typeNames = [...new Set([...(registry ?? []).map((t) => t.type), ...nodes.map((n) => n.type)])].join(' ');
  const nodeTypes: NodeTypes = useMemo(
    () => Object.fromEntries(typeNames.split(' ').map((t) => [t, FlowNodeView])),
    [typeNames],
  );
  // what a screen reader says of a node ("Filter EMEA orders, has errors") and an edge ("Connection
  // from Orders to EMEA"), by names and status, never by internal ids
  const namedNodes = useMemo(
    () =>
      nodes.map((n) => {
        const status = report?.nodes.find((r) => r.id === n.id)?.status;
        const label = `${nodeTypeOf(n.type)?.label ?? n.type} ${n.data.name}, ${status ? STATUS_LABEL[status].toLowerCase() : 'being checked'}`;
        return n.ariaLabel === label ? n : { ...n, ariaLabel: label };
      }),
    [nodes, report, registry], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const namedEdges = useMemo(
    () =>
      edges.map((e) => {
        const name = (id: string) => nodes.find((n) => n.id === id)?.data.name ?? id;
        const ports = nodeTypeOf(nodes.find((n) => n.id === e.target)?.type ?? '')?.inputs ?? [];
        const port = ports.length > 1 ? ` (${e.targetHandle})` : '';
        return { ...e, ariaLabel: `Connection from ${name(e.source)} to ${name(e.target)}${port}` };
      }),
    [edges, nodes, registry], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const { screenToFlowPosition } = useReactFlow();
  // fit a stored flow into view once; an empty canvas keeps zoom 1 so dropped nodes land where dropped
  const [fitOnOpen] = useState(() => nodes.length > 0);
  const wrapper = useRef<HTMLDivElement>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [deployOpen, setDeployOpen] = useState(false);
  const [run, setRun] = useState<RunStatus | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const [resultsOpen, setResultsOpen] = useState(false);
  const running = !!run && ACTIVE.has(run.status?.toLowerCase());
  const [generation, setGeneration] = useState(0);
  const { events, received } = useRunEvents(flowId, resultsOpen, generation);

  // the panel and the results take room from the canvas: the edited node and its neighbours stay in view
  useKeepInView(wrapper, panelNodeId, resultsOpen);

  // the run's status comes from the server (and Flink behind it); poll while it is active
  const refreshRun = useCallback(async () => {
    try {
      const r = await api.getRun(flowId);
      setRun(r);
      return r;
    } catch {
      return null;
    }
  }, [flowId]);

  useEffect(() => {
    void refreshRun().then((r) => {
      if (r && ACTIVE.has(r.status?.toLowerCase())) setResultsOpen(true);
    });
  }, [refreshRun]);

  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void refreshRun(), 2000);
    return () => clearInterval(t);
  }, [running, refreshRun]);

  /** Runs the whole flow, or with `node` previews that node (the server runs it and the nodes before it). */
  const start = async (mode: RunMode, node?: string) => {
    setRunError(null);
    await useFlowStore.getState().saveNow();
    try {
      const r = await api.startRun(flowId, mode, node);
      const started: RunStatus = r && r.status ? r : { status: 'starting' };
      const name = useFlowStore.getState().nodes.find((n) => n.id === node)?.data.name ?? node;
      setRun(node && !started.node ? { ...started, node: { id: node, name: name ?? node } } : started);
      setGeneration((g) => g + 1);
      setResultsOpen(true);
      void refreshRun();
    } catch (e) {
      setRunError((e as Error).message);
    }
  };

  // run status changes are announced (once each)
  const said = runSentence(run);
  useEffect(() => {
    if (said) announce(said);
  }, [said]);

  // Run becomes Stop and back: focus follows to the control that took its place
  useEffect(() => {
    const t = setTimeout(() => {
      const now = document.activeElement;
      if (now && now !== document.body && now.isConnected) return;
      document.querySelector<HTMLElement>('[data-run-control] button:not([disabled])')?.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [running]);

  const stop = async () => {
    setRunError(null);
    try {
      await api.stopRun(flowId);
    } catch (e) {
      setRunError((e as Error).message);
    }
    void refreshRun();
  };

  const centre = () => {
    const r = wrapper.current?.getBoundingClientRect();
    return screenToFlowPosition({
      x: (r?.left ?? 0) + (r?.width ?? 800) / 2 - 90,
      y: (r?.top ?? 0) + (r?.height ?? 600) / 2 - 30,
    });
  };

  useUndoKey(undoAllowed);

  // the columns of the results: the output properties of the previewed node, else of the flow's last
  // node that has an output (the one a node without output, such as a destination, writes)
  const noOutput = (type?: string) => !!type && nodeTypeOf(type)?.output === false;
  const lastNode =
    nodes.find(
      (n) => !noOutput(n.type) && !edges.some((e) => e.source === n.id) && edges.some((e) => e.target === n.id),
    ) ??
    nodes.find((n) => edges.some((e) => e.source === n.id && noOutput(nodes.find((m) => m.id === e.target)?.type)));
  const shownId = run?.node?.id ?? lastNode?.id;
  const columns = report?.nodes.find((r) => r.id === shownId)?.output.map((o) => o.name) ?? [];
  const failed = run?.status?.toLowerCase() === 'failed';

  return (
    <div className="eddy-editor">
      <header className="eddy-header">
        <Button
          kind="ghost"
          size="sm"
          hasIconOnly
          renderIcon={ArrowLeft}
          iconDescription="All flows"
          tooltipPosition="right"
          onClick={() => navigate('/')}
        />
        <FlowName readOnly={!!editRefusal} />
        <SaveIndicator reload={reload} />
        <span className="eddy-header__spacer" />
        {statusTag(run)}

        <a className="cds--btn cds--btn--ghost cds--btn--sm eddy-link-button" {...linkTo('/jobs')}>
          Jobs
        </a>
        <Button kind="ghost" size="sm" renderIcon={Table} onClick={() => setResultsOpen((o) => !o)}>
          Results
        </Button>
        <HistoryButton flowId={flowId} onRestored={reload} restoreRefusal={editRefusal} />
        {!exportRefusal && (
          <Button kind="ghost" size="sm" renderIcon={Export} onClick={() => setExportOpen(true)}>
            Export
          </Button>
        )}
        <span className="eddy-run" title={deployBlock ? `Deploy is not available: ${deployBlock}` : undefined}>
          <Button
            kind="tertiary"
            size="sm"
            renderIcon={CloudUpload}
            disabled={!!deployBlock}
            onClick={() => setDeployOpen(true)}
          >
            Deploy
          </Button>
        </span>
        {running ? (
          <span className="eddy-run" data-run-control>
            <Button kind="danger" size="sm" renderIcon={Stop} onClick={() => void stop()}>
              {run?.node ? 'Stop preview' : 'Stop'}
            </Button>
          </span>
        ) : (
          <span className="eddy-run" title={runBlock ?? undefined} data-run-control>
            <MenuButton label="Run" size="sm" kind="primary" disabled={!!runBlock} menuAlignment="bottom-end">
              <MenuItem label="Events from now" onClick={() => void start('fromNow')} />
              <MenuItem label="Include historical" onClick={() => void start('historical')} />
            </MenuButton>
          </span>
        )}
      </header>
      {editRefusal && (
        <div className="eddy-banner" role="status" data-testid="role-reason">
          You can look at this flow, its history and its results. {editRefusal}
        </div>
      )}
      {(blocker || runError || failed) && (
        <div className="eddy-banner" role="status" data-testid="run-reason">
          {runError ??
            (failed
              ? `${run?.node ? `The preview of “${run.node.name}”` : 'The run'} failed: ${run?.error ?? 'no reason given.'}`
              : `Run and Deploy are not available: ${blocker}`)}
        </div>
      )}
      <div className="eddy-editor__main">
        {!editRefusal && (
          <Palette
            onAdd={(t) => {
              // from the keyboard: in free space near the middle, focused; Enter then opens its panel
              const id = addNodeByType(t, freeSpot(centre(), useFlowStore.getState().nodes));
              const added = useFlowStore.getState().nodes.find((n) => n.id === id);
              announce(`${added?.data.name ?? t} added to the canvas. Press Enter to configure it.`);
              focusNode(id);
            }}
          />
        )}
        <div
          className="eddy-canvas"
          ref={wrapper}
          tabIndex={-1}
          onKeyDown={(e) => {
            // a viewer opens a node's panel with Enter, but deletes nothing
            if (!editRefusal || e.key === 'Enter') onCanvasKeyDown(e);
          }}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes(DRAG_TYPE)) {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
            }
          }}
          onDrop={(e) => {
            const type = e.dataTransfer.getData(DRAG_TYPE);
            if (!type || editRefusal) return;
            e.preventDefault();
            const id = addNodeByType(type, screenToFlowPosition({ x: e.clientX - 90, y: e.clientY - 30 }));
            openPanel(id);
          }}
        >
          <RunCountsContext.Provider value={run?.counts}>
            <ReactFlow
              nodes={namedNodes}
              edges={namedEdges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={editRefusal ? undefined : onConnect}
              nodesDraggable={!editRefusal}
              nodesConnectable={!editRefusal}
              isValidConnection={isValidConnection}
              onClickConnectStart={(_, { nodeId }) => {
                const from = nodes.find((n) => n.id === nodeId)?.data.name ?? nodeId;
                announce(`Connecting from ${from}: press Enter on the input of the node it feeds.`);
              }}
              onNodeClick={(_, n) => openPanel(n.id)}
              onPaneClick={() => openPanel(null)}
              deleteKeyCode={null}
              fitView={fitOnOpen}
              fitViewOptions={{ maxZoom: 1 }}
              proOptions={{ hideAttribution: true }}
              ariaLabelConfig={ONE_LIVE_REGION}
              defaultEdgeOptions={{ type: 'smoothstep' }}
            >
              <Background gap={16} />
              <Controls position="bottom-left" showInteractive={false}>
                <ControlButton
                  onClick={undoAllowed}
                  disabled={!canUndo || !!editRefusal}
                  title="Undo (Ctrl+Z)"
                  aria-label="Undo"
                >
                  <Undo />
                </ControlButton>
              </Controls>
            </ReactFlow>
          </RunCountsContext.Provider>
          {nodes.length === 0 && (
            <div className="eddy-canvas__empty">
              {editRefusal ? 'This flow has no nodes yet.' : 'Drag an Event source from the palette to start the flow.'}
            </div>
          )}
          <DeletedToast />
        </div>
        {panelNodeId && (
          <NodePanel
            nodeId={panelNodeId}
            readOnly={editRefusal}
            preview={{
              busy: runRefusal
                ? runRefusal
                : running
                  ? run?.node
                    ? `The preview of “${run.node.name}” is running: stop it first.`
                    : 'The flow is running: stop it first.'
                  : null,
              start: (mode) => void start(mode, panelNodeId),
            }}
          />
        )}
      </div>
      {resultsOpen && (
        <ResultsPanel
          flowId={flowId}
          flowName={name}
          events={events}
          received={received}
          columns={columns}
          running={running}
          node={run?.node ?? null}
          onClose={() => setResultsOpen(false)}
        />
      )}
      {!exportRefusal && (
        <ExportModal flow={{ id: flowId, name }} open={exportOpen} onClose={() => setExportOpen(false)} />
      )}
      {deployOpen && (
        <DeployModal
          flow={{ id: flowId, name }}
          onClose={() => setDeployOpen(false)}
          prepare={() => useFlowStore.getState().saveNow()}
        />
      )}
    </div>
  );
}
