// The jobs on the server's Flink cluster: state from Flink (or Lost: deployed by Eddy, no longer
// known to the cluster), the flow each was deployed from, its savepoint or retained checkpoint, and
// the actions the server allows (stop with savepoint, resume, cancel — which forgets a lost job).
// Polled every 3 s while the page is visible.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, InlineLoading, InlineNotification, Modal } from '@carbon/react';
import { Renew } from '@carbon/icons-react';
import * as api from '../api';
import type { Job, JobAction, JobList } from '../types';
import { linkTo } from '../router';
import { formatDuration, formatTime, JobStateTag, shortId } from './jobState';
import { useRefusal } from '../auth/permissions';

export const POLL_MS = 3000;

const BUTTONS: { action: JobAction; label: string; busy: string; kind: 'tertiary' | 'danger--tertiary' }[] = [
  { action: 'stop', label: 'Stop with savepoint', busy: 'Stopping…', kind: 'tertiary' },
  { action: 'resume', label: 'Resume', busy: 'Resuming…', kind: 'tertiary' },
  { action: 'cancel', label: 'Cancel', busy: 'Cancelling…', kind: 'danger--tertiary' },
];

/** What the cancel confirmation says: a lost job is only forgotten, a running one ends. */
function cancelTexts(job: Job) {
  return job.state === 'LOST'
    ? {
        verb: 'Forget',
        keep: 'Keep it listed',
        explanation:
          'The cluster no longer runs it; Eddy stops listing it and will not resume it. Its retained checkpoints stay where they are.',
      }
    : {
        verb: 'Cancel',
        keep: 'Keep it running',
        explanation:
          'The job ends at once, without a savepoint: it is not resumed later. To resume it later, stop it with a savepoint instead.',
      };
}

export function JobsPage({ pollMs = POLL_MS }: { pollMs?: number }) {
  const [list, setList] = useState<JobList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<Record<string, JobAction>>({});
  const [confirmCancel, setConfirmCancel] = useState<Job | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const latest = useRef(0);

  // only the answer to the newest request is shown: a slow poll cannot overwrite a fresher list
  const refresh = useCallback(async () => {
    const seq = ++latest.current;
    setRefreshing(true);
    try {
      const answer = await api.listJobs();
      if (seq !== latest.current) return;
      setList(answer);
      setLoadError(null);
    } catch (e) {
      if (seq === latest.current) setLoadError((e as Error).message);
    } finally {
      if (seq === latest.current) setRefreshing(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh();
    }, pollMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      latest.current++; // ignore answers that arrive after the page is gone
    };
  }, [refresh, pollMs]);

  // stop, resume and cancel are the admin's (a viewer or an editor sees the jobs)
  const actRefusal = useRefusal('admin', 'Stopping, resuming and cancelling jobs');

  const act = async (job: Job, action: JobAction) => {
    setActionError(null);
    setNotice(null);
    setBusy((b) => ({ ...b, [job.jobId]: action }));
    try {
      if (action === 'stop') {
        const stopped = await api.stopJob(job.jobId);
        setNotice(
          `Job “${job.name}” stopped${stopped.savepointPath ? ` with the savepoint ${stopped.savepointPath}` : ''}.`,
        );
      } else if (action === 'resume') {
        const started = await api.resumeJob(job.jobId);
        const from = job.savepointPath ? 'its savepoint' : 'its latest checkpoint';
        if (started.error) setActionError(`Job “${started.jobName}” is ${started.state}: ${started.error}`);
        else setNotice(`Job “${job.name}” resumed from ${from} as job ${shortId(started.jobId)}.`);
      } else {
        await api.cancelJob(job.jobId);
        setNotice(job.state === 'LOST' ? `Job “${job.name}” forgotten.` : `Job “${job.name}” cancelled.`);
      }
    } catch (e) {
      setActionError((e as Error).message);
    } finally {
      setBusy((b) => {
        const next = { ...b };
        delete next[job.jobId];
        return next;
      });
      void refresh();
    }
  };

  const jobs = list?.jobs ?? [];
  const cancel = confirmCancel ? cancelTexts(confirmCancel) : null;
  return (
    <div className="eddy-page">
      <header className="eddy-home__header">
        <h1 className="eddy-home__title">Jobs</h1>
        <nav className="eddy-nav" aria-label="Pages">
          <a className="eddy-tile__link" {...linkTo('/')}>
            Flows
          </a>
        </nav>
        <span className="eddy-header__spacer" />
        {list && (
          <span className="eddy-hint" data-testid="flink-url">
            Flink cluster: <span className="eddy-mono">{list.flinkUrl}</span>
          </span>
        )}
        <Button kind="ghost" size="sm" renderIcon={Renew} disabled={refreshing} onClick={() => void refresh()}>
          Refresh
        </Button>
      </header>
      {loadError && (
        <InlineNotification
          kind="error"
          lowContrast
          hideCloseButton
          title="The jobs cannot be listed"
          subtitle={loadError}
          data-testid="jobs-error"
        />
      )}
      {actionError && (
        <InlineNotification
          kind="error"
          title="Something went wrong"
          subtitle={actionError}
          data-testid="job-action-error"
          onCloseButtonClick={() => setActionError(null)}
        />
      )}
      {notice && (
        <InlineNotification kind="success" lowContrast title={notice} onCloseButtonClick={() => setNotice(null)} />
      )}
      {actRefusal && (
        <p className="eddy-hint" data-testid="role-reason">
          {actRefusal}
        </p>
      )}
      {list === null && !loadError && <InlineLoading description="Loading jobs…" />}
      {list !== null && jobs.length === 0 && (
        <p className="eddy-hint eddy-jobs__empty">
          No jobs on this cluster yet. Open a valid flow with an event destination and choose Deploy.
        </p>
      )}
      {jobs.length > 0 && (
        <table className="eddy-table eddy-jobs" aria-label="Jobs">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Flow</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Savepoint or checkpoint</th>
              <th scope="col">
                <span className="cds--visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.jobId} data-job-id={job.jobId} data-job-name={job.name}>
                <td>
                  <div className="eddy-jobs__name">{job.name}</div>
                  <div className="eddy-mono eddy-hint" title={job.jobId}>
                    {shortId(job.jobId)}
                  </div>
                  {job.resumedFrom && (
                    <div className="eddy-hint" title={job.resumedFrom}>
                      Resumed from {shortId(job.resumedFrom)}
                    </div>
                  )}
                </td>
                <td>
                  {job.flowId ? (
                    <a className="eddy-tile__link" {...linkTo(`/flows/${encodeURIComponent(job.flowId)}`)}>
                      {job.flowName ?? job.flowId}
                    </a>
                  ) : (
                    (job.flowName ?? '—')
                  )}
                </td>
                <td>
                  <JobStateTag state={job.state} />
                  {job.state === 'LOST' && (
                    <div className="eddy-hint eddy-jobs__error" data-testid="job-lost">
                      The cluster no longer runs this job (its JobManager restarted without high availability).
                      {job.actions?.includes('resume') && ' Resume restarts it from its latest checkpoint.'}
                    </div>
                  )}
                  {job.error && (
                    <div className="eddy-error-text eddy-jobs__error" data-testid="job-error">
                      {job.error}
                    </div>
                  )}
                </td>
                <td className="eddy-jobs__nowrap">{formatTime(job.startTime)}</td>
                <td className="eddy-jobs__nowrap">{formatDuration(job.durationMs)}</td>
                <td>
                  {job.savepointPath ? (
                    <span className="eddy-mono eddy-jobs__savepoint" title={job.savepointPath} data-testid="savepoint">
                      {job.savepointPath}
                    </span>
                  ) : job.checkpointPath ? (
                    <span
                      className="eddy-mono eddy-jobs__savepoint"
                      title={job.checkpointPath}
                      data-testid="checkpoint"
                    >
                      {job.checkpointPath}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <div className="eddy-jobs__actions">
                    {BUTTONS.filter((b) => job.actions?.includes(b.action)).map((b) => (
                      <Button
                        key={b.action}
                        kind={b.kind}
                        size="sm"
                        disabled={!!busy[job.jobId] || !!actRefusal}
                        title={actRefusal ?? undefined}
                        onClick={() => (b.action === 'cancel' ? setConfirmCancel(job) : void act(job, b.action))}
                      >
                        {busy[job.jobId] === b.action
                          ? b.busy
                          : b.action === 'cancel' && job.state === 'LOST'
                            ? 'Forget'
                            : b.label}
                      </Button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirmCancel && cancel && (
        <Modal
          open
          danger
          modalHeading={`${cancel.verb} job “${confirmCancel.name}”?`}
          primaryButtonText={`${cancel.verb} job`}
          secondaryButtonText={cancel.keep}
          onRequestSubmit={() => {
            const job = confirmCancel;
            setConfirmCancel(null);
            void act(job, 'cancel');
          }}
          onRequestClose={() => setConfirmCancel(null)}
          size="xs"
        >
          <p>{cancel.explanation}</p>
        </Modal>
      )}
    </div>
  );
}
