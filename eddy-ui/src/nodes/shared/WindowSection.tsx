// The time window of aggregates, top-n and deduplicate: event time property, duration, rolling or not
// (deduplicate's windows are standard only).
import { Checkbox } from '@carbon/react';
import type { OutputProperty } from '../../types';
import type { WindowSettings } from '../aggregate/types';
import { DurationField, present, Problems, PropertySelect, Section } from './fields';
import type { PanelProps } from './panel';

/** The window of a node whose config has `window` (aggregate, top-n). */
export function WindowPart({ config, onChange, inputs, nodeId, problemAt }: PanelProps<{ window?: WindowSettings }>) {
  return (
    <WindowSection
      id={`window-${nodeId}`}
      window={config.window}
      input={inputs[0]?.properties ?? []}
      onChange={(window) => onChange({ ...config, window })}
      problemAt={problemAt}
    />
  );
}

export function WindowSection({
  id,
  window,
  input,
  onChange,
  problemAt,
  description = "Events are grouped into windows of event time; a window's results come out when it closes.",
  standardOnly = false,
}: {
  id: string;
  window?: WindowSettings;
  input: OutputProperty[];
  onChange: (w: WindowSettings) => void;
  problemAt: (path: string) => string | undefined;
  description?: string;
  /** no rolling windows: the duration only */
  standardOnly?: boolean;
}) {
  const w = window ?? {};
  const times = input.filter((p) => p.eventTime);
  const rolling = w.slide !== undefined;
  return (
    <Section title="Time window" description={description}>
      <Problems messages={present(problemAt('window'))} />
      <PropertySelect
        id={`${id}-window-time`}
        label="Event time property"
        value={w.timeProperty}
        options={times.length ? times : input.filter((p) => String(p.type).startsWith('TIMESTAMP'))}
        invalid={problemAt('window.timeProperty')}
        onChange={(timeProperty) => onChange({ ...w, timeProperty })}
      />
      <DurationField
        id={`${id}-window-size`}
        label="Window duration"
        value={w.size}
        invalid={problemAt('window.size')}
        onChange={(size) => onChange({ ...w, size })}
      />
      {!standardOnly && (
        <Checkbox
          id={`${id}-window-rolling`}
          labelText="Rolling window (windows overlap, a new one starts every interval)"
          checked={rolling}
          onChange={(_, { checked }) =>
            onChange({ ...w, slide: checked ? { value: 1, unit: w.size?.unit ?? 'MINUTE' } : undefined })
          }
        />
      )}
      {standardOnly && <Problems messages={present(problemAt('window.slide'))} />}
      {rolling && !standardOnly && (
        <DurationField
          id={`${id}-window-slide`}
          label="A new window starts every"
          value={w.slide}
          invalid={problemAt('window.slide')}
          onChange={(slide) => onChange({ ...w, slide })}
        />
      )}
    </Section>
  );
}
