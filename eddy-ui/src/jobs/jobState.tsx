// How a Flink job's state, id and times are shown: one tag colour per state, short ids, durations.
import { Tag } from '@carbon/react';

type TagType = 'green' | 'gray' | 'red' | 'blue' | 'purple';

const COLOURS: Record<string, TagType> = {
  RUNNING: 'green',
  FINISHED: 'gray',
  CANCELED: 'gray',
  FAILED: 'red',
  FAILING: 'red',
  RESTARTING: 'purple',
  CANCELLING: 'purple',
  SUSPENDED: 'purple',
  LOST: 'red',
  STOPPED: 'gray',
};

/** Flink's state as a tag: running green, ended gray, failing red, on its way blue or purple. */
export function JobStateTag({ state }: { state: string }) {
  const s = (state ?? '').toUpperCase();
  return (
    <Tag type={COLOURS[s] ?? 'blue'} size="sm" data-testid="job-state" data-state={s}>
      {s.charAt(0) + s.slice(1).toLowerCase()}
    </Tag>
  );
}

/** The states in which Flink reports a failure. */
export const isFailing = (state: string) => ['FAILED', 'FAILING', 'RESTARTING'].includes((state ?? '').toUpperCase());

/** A job id as the table shows it: its first 8 hexadecimal digits. */
export const shortId = (id: string) => id.slice(0, 8);

/** 45 s, 3 min 12 s, 2 h 5 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** An ISO-8601 time in the browser's time zone, to the second. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
