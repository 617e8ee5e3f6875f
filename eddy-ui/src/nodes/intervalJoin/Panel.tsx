// Interval join: a condition over both inputs (with an assistant), the time window, output properties.
import { useState } from 'react';
import { Button, Select, SelectItem } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import type { PanelProps } from '../shared/panel';
import { ExpressionEditor } from '../shared/ExpressionEditor';
import { DurationField, OutputSection, PropertySelect, Section } from '../shared/fields';
import { andThen, quoted } from '../shared/sql';
import type { IntervalJoinConfig, JoinSide } from './types';

export function IntervalJoinPanel({ config, onChange, inputs, nodeId }: PanelProps<IntervalJoinConfig>) {
  const id = `join-${nodeId}`;
  const left = inputs.find((i) => i.port === 'left');
  const right = inputs.find((i) => i.port === 'right');
  const sides = [left, right].filter((x): x is NonNullable<typeof x> => !!x);
  const [leftProperty, setLeftProperty] = useState<string | undefined>();
  const [rightProperty, setRightProperty] = useState<string | undefined>();
  const w = config.window ?? {};
  const allProperties = sides.flatMap((s) =>
    s.properties.map((p) => ({ name: `${s.name}.${p.name}`, type: String(p.type) })),
  );
  const setWindow = (next: Partial<NonNullable<IntervalJoinConfig['window']>>) =>
    onChange({ ...config, window: { ...w, ...next } });

  const sideFields = (which: 'detect' | 'anchor', label: string, side?: JoinSide) => {
    const input = sides.find((s) => s.name === side?.input);
    const times = (input?.properties ?? []).filter((p) => p.eventTime || String(p.type).startsWith('TIMESTAMP'));
    return (
      <fieldset className="cds--fieldset">
        <legend className="cds--label">{label}</legend>
        <Select
          id={`${id}-${which}-input`}
          labelText="Input"
          size="sm"
          value={side?.input ?? ''}
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
          onChange={(property) => setWindow({ [which]: { ...side, property } })}
        />
      </fieldset>
    );
  };

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
          properties={allProperties.map((p) => ({ ...p, name: p.name }))}
          placeholder="`Orders`.`id` = `Cancellations`.`orderid`"
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
      <Section
        title="Time window"
        description="An event to detect joins an event that sets the window when it happens between the window's start and end, counted from that event's time."
      >
        {sideFields('detect', 'Event to detect', w.detect)}
        {sideFields('anchor', 'Event that sets the window', w.anchor)}
        <DurationField
          id={`${id}-start`}
          label="Window starts at (offset, may be negative)"
          value={w.start}
          allowNegative
          onChange={(start) => setWindow({ start })}
        />
        <DurationField
          id={`${id}-end`}
          label="Window ends at (offset)"
          value={w.end}
          allowNegative
          onChange={(end) => setWindow({ end })}
        />
      </Section>
      <OutputSection
        idPrefix={id}
        candidates={allProperties}
        output={config.output}
        onChange={(output) => onChange({ ...config, output })}
      />
    </>
  );
}
