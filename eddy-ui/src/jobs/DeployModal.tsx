// Deploy a flow to the server's Flink cluster as a job: job name, optional parallelism, the delivery
// guarantee and checkpointing, then the job's id and state as Flink reports them (the server waits
// until the job runs, up to ~20 s).
import { useEffect, useRef, useState } from 'react';
import { Checkbox, InlineNotification, Modal, Select, SelectItem } from '@carbon/react';
import { TextInput } from '../common/inputs';
import { ApiError, deployFlow, type DeployOptions } from '../api';
import type { StartedJob } from '../types';
import { describe } from '../common/ExportModal';
import { useEnvironment } from '../environment';
import { navigate } from '../router';
import { isFailing, JobStateTag } from './jobState';
import { useReturnFocus } from '../common/useReturnFocus';

/** '' (the cluster's default) or a whole number of at least 1; anything else is refused. */
export function parseParallelism(text: string): number | null | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= 100_000 ? Number(t) : null;
}

/**
 * '' (the default, 10 s) or a duration such as 30s, 2 min, 1500ms that is at least one second, as the
 * server reads it; null for anything else.
 */
export function parseInterval(text: string): string | null | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  const m = /^(\d+)\s*(ms|s|sec|min|m|h)?$/.exec(t);
  if (!m) return null;
  const millis = { ms: 1, s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
  return Number(m[1]) * millis >= 1000 ? t.replace(/\s+/g, '') : null;
}

export function DeployModal({
  flow,
  onClose,
  prepare,
}: {
  flow: { id: string; name: string };
  onClose: () => void;
  /** runs before the request (the canvas saves a pending change first) */
  prepare?: () => Promise<void>;
}) {
  useReturnFocus(true);
  const env = useEnvironment();
  const [jobName, setJobName] = useState(flow.name);
  const [parallelism, setParallelism] = useState('');
  const [delivery, setDelivery] = useState<'exactly-once' | 'at-least-once'>('exactly-once');
  const [checkpointInterval, setCheckpointInterval] = useState('');
  const [retain, setRetain] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; problems: string[] } | null>(null);
  const [started, setStarted] = useState<StartedJob | null>(null);
  const open = useRef(true);
  useEffect(
    () => () => {
      open.current = false;
    },
    [],
  );

  const p = parseParallelism(parallelism);
  const i = parseInterval(checkpointInterval);
  const submit = async () => {
    if (p === null || i === null || busy) return;
    setBusy(true);
    setError(null);
    try {
      await prepare?.();
      // only what differs from the server's defaults is sent
      const options: DeployOptions = {
        ...(jobName.trim() ? { name: jobName.trim() } : {}),
        ...(p !== undefined ? { parallelism: p } : {}),
        ...(delivery !== 'exactly-once' ? { delivery } : {}),
        ...(i !== undefined ? { checkpointInterval: i } : {}),
        ...(!retain ? { checkpointRetention: 'delete' as const } : {}),
      };
      const job = await deployFlow(flow.id, options);
      if (open.current) setStarted(job);
    } catch (e) {
      const problems = e instanceof ApiError ? e.problems.map(describe) : [];
      if (open.current) setError({ message: (e as Error).message, problems });
    } finally {
      if (open.current) setBusy(false);
    }
  };

  if (started) {
    const failing = isFailing(started.state);
    return (
      <Modal
        open
        modalHeading="Deploy to Flink"
        primaryButtonText="View jobs"
        secondaryButtonText="Close"
        onRequestSubmit={() => navigate('/jobs')}
        onRequestClose={onClose}
        size="sm"
      >
        <InlineNotification
          kind={failing ? 'error' : started.state === 'RUNNING' ? 'success' : 'info'}
          lowContrast
          hideCloseButton
          title={failing ? `Job “${started.jobName}” does not run` : `Job “${started.jobName}” deployed`}
        >
          <dl className="eddy-deploy__job" data-testid="deployed-job">
            <dt>Job id</dt>
            <dd className="eddy-mono">{started.jobId}</dd>
            <dt>State</dt>
            <dd>
              <JobStateTag state={started.state} />
            </dd>
            <dt>Cluster</dt>
            <dd className="eddy-mono">{started.flinkUrl}</dd>
          </dl>
          {started.error && <p data-testid="deployed-error">{started.error}</p>}
        </InlineNotification>
      </Modal>
    );
  }

  return (
    <Modal
      open
      modalHeading="Deploy to Flink"
      primaryButtonText="Deploy"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={busy || p === null || i === null}
      loadingStatus={busy ? 'active' : 'inactive'}
      loadingDescription="Deploying…"
      onRequestSubmit={() => void submit()}
      onRequestClose={onClose}
      size="sm"
    >
      <div className="eddy-stack">
        <p className="eddy-deploy__target" data-testid="deploy-target">
          Flink cluster:{' '}
          <span className="eddy-mono">{env ? env.flink.restUrl : 'the cluster Eddy is configured with'}</span>
        </p>
        {env?.flink.embedded && (
          <p className="eddy-hint">
            This is Eddy’s embedded Flink MiniCluster: its jobs end when Eddy stops. Start Eddy with --flink URL to
            deploy to a session cluster.
          </p>
        )}
        <TextInput
          id="deploy-name"
          labelText="Job name"
          data-modal-primary-focus
          value={jobName}
          disabled={busy}
          onChange={(e) => setJobName(e.target.value)}
        />
        <TextInput
          id="deploy-parallelism"
          labelText="Parallelism (optional)"
          helperText="Blank: the cluster’s default."
          inputMode="numeric"
          value={parallelism}
          disabled={busy}
          invalid={p === null}
          invalidText="A whole number of at least 1, or blank."
          onChange={(e) => setParallelism(e.target.value)}
        />
        <Select
          id="deploy-delivery"
          labelText="Delivery to Kafka destinations"
          value={delivery}
          disabled={busy}
          helperText={
            delivery === 'exactly-once'
              ? 'Each result once, even after failures. Results appear when a checkpoint completes: read the destination with isolation.level=read_committed.'
              : 'Results appear at once; after a failure, those since the last checkpoint are written again.'
          }
          onChange={(e) => setDelivery(e.target.value as 'exactly-once' | 'at-least-once')}
        >
          <SelectItem value="exactly-once" text="Exactly once (default)" />
          <SelectItem value="at-least-once" text="At least once" />
        </Select>
        <TextInput
          id="deploy-checkpoint-interval"
          labelText="Checkpoint interval (optional)"
          helperText="Blank: 10s. How often the job saves its state (and commits exactly-once results)."
          placeholder="10s"
          value={checkpointInterval}
          disabled={busy}
          invalid={i === null}
          invalidText="A duration of at least 1 s, such as 10s, 30s or 2min, or blank."
          onChange={(e) => setCheckpointInterval(e.target.value)}
        />
        <Checkbox
          id="deploy-retain"
          labelText="Keep the latest checkpoint when the job is cancelled"
          checked={retain}
          disabled={busy}
          onChange={(_, { checked }) => setRetain(checked)}
        />
        {busy && (
          <p className="eddy-hint" role="status">
            Flink is starting the job; this can take up to 20 seconds.
          </p>
        )}
        {error && (
          <InlineNotification kind="error" lowContrast hideCloseButton title="The flow cannot be deployed">
            <p data-testid="deploy-error">{error.message}</p>
            {error.problems.length > 0 && (
              <ul className="eddy-messages" data-testid="deploy-problems">
                {error.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </InlineNotification>
        )}
      </div>
    </Modal>
  );
}
