// Window join: the windows (duration, optional rolling interval) and, per side, the event time that
// places the input's events in them. The condition and the output table are the interval join's.
import { Checkbox } from '@carbon/react';
import type { PanelProps } from '../shared/panel';
import { DurationField, present, Problems, PropertySelect, Section } from '../shared/fields';
import type { WindowJoinConfig, WindowJoinSide } from './types';

/** The windows both inputs are cut into. */
export function WindowJoinWindow({ config, onChange, nodeId, problemAt }: PanelProps<WindowJoinConfig>) {
  const id = `window-join-${nodeId}`;
  const w = config.window ?? {};
  const rolling = w.slide !== undefined;
  return (
    <Section
      title="Time window"
      description="Events of the two inputs join when they fall in the same window and meet the condition."
    >
      <Problems messages={present(problemAt('window'))} />
      <DurationField
        id={`${id}-size`}
        label="Window duration"
        value={w.size}
        invalid={problemAt('window.size')}
        onChange={(size) => onChange({ ...config, window: { ...w, size } })}
      />
      <Checkbox
        id={`${id}-rolling`}
        labelText="Rolling window (windows overlap, a new one starts every interval)"
        checked={rolling}
        onChange={(_, { checked }) =>
          onChange({
            ...config,
            window: { ...w, slide: checked ? { value: 1, unit: w.size?.unit ?? 'MINUTE' } : undefined },
          })
        }
      />
      {rolling && (
        <DurationField
          id={`${id}-slide`}
          label="A new window starts every"
          value={w.slide}
          invalid={problemAt('window.slide')}
          onChange={(slide) => onChange({ ...config, window: { ...w, slide } })}
        />
      )}
    </Section>
  );
}

/** Per port, the event time of the input connected there. */
export function WindowJoinSides({ config, onChange, inputs, nodeId, problemAt }: PanelProps<WindowJoinConfig>) {
  const id = `window-join-${nodeId}`;
  const sideFields = (port: 'left' | 'right') => {
    const input = inputs.find((i) => i.port === port);
    const side: WindowJoinSide = config[port] ?? {};
    const times = (input?.properties ?? []).filter((p) => p.eventTime);
    return (
      <fieldset className="cds--fieldset" key={port}>
        <legend className="cds--label">
          {port === 'left' ? 'Left' : 'Right'} input{input ? `: ${input.name}` : ' (connect one to this port)'}
        </legend>
        <Problems messages={present(problemAt(port), problemAt(`${port}.input`))} />
        <PropertySelect
          id={`${id}-${port}-time`}
          label={`Event time of ${input?.name ?? `the ${port} input`}`}
          value={side.timeProperty}
          options={times}
          invalid={problemAt(`${port}.timeProperty`)}
          onChange={(timeProperty) =>
            onChange({ ...config, [port]: { input: input?.name ?? side.input, timeProperty } })
          }
        />
      </fieldset>
    );
  };
  return (
    <Section title="Event times" description="The event time that places each input's events in windows.">
      {sideFields('left')}
      {sideFields('right')}
    </Section>
  );
}
