// Interval join: a condition over both inputs (with an assistant), the time window, output properties.
import { useState } from 'react';
import { Button, Select, SelectItem } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import type { PanelProps } from '../shared/panel';
import { ExpressionEditor } from '../shared/ExpressionEditor';
import { DurationField, OutputSection, present, Problems, PropertySelect, Section } from '../shared/fields';
import type { PanelInput } from '../shared/panel';
import { andThen, quoted } from '../shared/sql';
import type { IntervalJoinConfig, JoinSide } from './types';

/** The two inputs by port, and every property of both named `Input.property`. */
function sidesOf(inputs: PanelInput[]) {
  const left = inputs.find((i) => i.port === 'left');
  const right = inputs.find((i) => i.port === 'right');
  const sides = [left, right].filter((x): x is NonNullable<typeof x> => !!x);
  const allProperties = sides.flatMap((s) =>
    s.properties.map((p) => ({ name: `${s.name}.${p.name}`, type: String(p.type) })),
  );
  return { left, right, sides, allProperties };
}

/** The join condition, with an assistant that adds `left = right` of two chosen properties. */
export function JoinCondition({ config, onChange, inputs, nodeId, problemAt }: PanelProps<IntervalJoinConfig>) {
  const id = `join-${nodeId}`;
  const { left, right, sides, allProperties } = sidesOf(inputs);
  const [leftProperty, setLeftProperty] = useState<string | undefined>();
  const [rightProperty, setRightProperty] = useState<string | undefined>();
  return (
    <>
      {sides.length < 2 && (
        <p className="eddy-hint" role="note">
          Connect an input to each port (left and right) to configure the join.
        </p>
      )}
      <Section
        title="Join condition"
        description="Events of the two inputs join when the condition is true; name each property by its input, e.g. `Orders`.`id`."
      >
        <ExpressionEditor
          id={`${id}-condition`}
          label="Condition"
          value={config.condition ?? ''}
          properties={allProperties}
          placeholder="`Orders`.`id` = `Cancellations`.`orderid`"
          invalid={problemAt('condition')}
          onChange={(condition) => onChange({ ...config, condition: condition || undefined })}
        />
        <div className="eddy-row eddy-row--end">
          <PropertySelect
            id={`${id}-assist-left`}
            label={left ? `Property of ${left.name}` : 'Left property'}
            value={leftProperty}
            options={left?.properties ?? []}
            onChange={setLeftProperty}
          />
          <span className="eddy-equals">=</span>
          <PropertySelect
            id={`${id}-assist-right`}
            label={right ? `Property of ${right.name}` : 'Right property'}
            value={rightProperty}
            options={right?.properties ?? []}
            onChange={setRightProperty}
          />
        </div>
        <Button
          kind="tertiary"
          size="sm"
          renderIcon={Add}
          disabled={!left || !right || !leftProperty || !rightProperty}
          onClick={() =>
            onChange({
              ...config,
              condition: andThen(
                config.condition,
                `${quoted(left!.name)}.${quoted(leftProperty!)} = ${quoted(right!.name)}.${quoted(rightProperty!)}`,
              ),
            })
          }
        >
          Add to condition
        </Button>
      </Section>
    </>
  );
}

/** The time window: which input's events are detected within which offsets of the other's. */
export function JoinWindow({ config, onChange, inputs, nodeId, problemAt }: PanelProps<IntervalJoinConfig>) {
  const id = `join-${nodeId}`;
  const { sides } = sidesOf(inputs);
  const w = config.window ?? {};
  const setWindow = (next: Partial<NonNullable<IntervalJoinConfig['window']>>) =>
    onChange({ ...config, window: { ...w, ...next } });

  const sideFields = (which: 'detect' | 'anchor', label: string, side?: JoinSide) => {
    const input = sides.find((s) => s.name === side?.input);
    const times = (input?.properties ?? []).filter((p) => p.eventTime || String(p.type).startsWith('TIMESTAMP'));
    return (
      <fieldset className="cds--fieldset">
        <legend className="cds--label">{label}</legend>
        <Problems messages={present(problemAt(`window.${which}`))} />
        <Select
          id={`${id}-${which}-input`}
          labelText="Input"
          size="sm"
          value={side?.input ?? ''}
          invalid={!!problemAt(`window.${which}.input`)}
          invalidText={problemAt(`window.${which}.input`)}
          onChange={(e) => setWindow({ [which]: { input: e.target.value || undefined, property: undefined } })}
        >
          <SelectItem value="" text="Choose an input" />
          {sides.map((s) => (
            <SelectItem key={s.id} value={s.name} text={s.name} />
          ))}
        </Select>
        <PropertySelect
          id={`${id}-${which}-property`}
          label="Its event time"
          value={side?.property}
          options={times}
          invalid={problemAt(`window.${which}.property`)}
          onChange={(property) => setWindow({ [which]: { ...side, property } })}
        />
      </fieldset>
    );
  };

  return (
    <Section
      title="Time window"
      description="An event to detect joins an event that sets the window when it happens between the window's start and end, counted from that event's time."
    >
      <Problems messages={present(problemAt('window'))} />
      {sideFields('detect', 'Event to detect', w.detect)}
      {sideFields('anchor', 'Event that sets the window', w.anchor)}
      <DurationField
        id={`${id}-start`}
        label="Window starts at (offset, may be negative)"
        value={w.start}
        allowNegative
        invalid={problemAt('window.start')}
        onChange={(start) => setWindow({ start })}
      />
      <DurationField
        id={`${id}-end`}
        label="Window ends at (offset)"
        value={w.end}
        allowNegative
        invalid={problemAt('window.end')}
        onChange={(end) => setWindow({ end })}
      />
    </Section>
  );
}

/** The output properties: every property of both inputs, named `Input.property`. */
export function JoinOutput({ config, onChange, inputs, nodeId, problemsUnder }: PanelProps<IntervalJoinConfig>) {
  return (
    <OutputSection
      idPrefix={`join-${nodeId}`}
      candidates={sidesOf(inputs).allProperties}
      output={config.output}
      onChange={(output) => onChange({ ...config, output })}
      problems={problemsUnder('output')}
    />
  );
}
