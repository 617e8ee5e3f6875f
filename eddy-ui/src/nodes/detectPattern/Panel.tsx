// Detect pattern: the partition (a checklist), the steps (each a name, a condition with the filter's
// assistant, and how many consecutive events), the optional step that must not follow (off by
// default; a name and a condition with the same assistant), and the measures (each a name and an expression over
// the steps, with an assistant). The time limit (`within`) is a plain field of the generic form.
import { useState } from 'react';
import { Button, Checkbox, Select, SelectItem } from '@carbon/react';
import { Add } from '@carbon/icons-react';
import { TextInput } from '../../common/inputs';
import type { PanelProps } from '../shared/panel';
import { ExpressionEditor } from '../shared/ExpressionEditor';
import { ConditionAssistant } from '../shared/ConditionAssistant';
import { NameChecklist, Problems, PropertySelect, RowList, Section, present } from '../shared/fields';
import { andThen, identifier } from '../shared/sql';
import type { DetectPatternConfig, PatternAbsence, PatternMeasure, PatternStep } from './types';

/** Types that cannot be partitioned by: the server refuses them, so they are not offered. */
const NESTED = ['ROW', 'ARRAY', 'MAP'];

/** What a measure's assistant computes over a step's property. */
const FUNCTIONS = ['FIRST', 'LAST', 'COUNT', 'SUM', 'MIN', 'MAX', 'AVG'];

export function PatternPartition({ config, onChange, inputs, nodeId, problemsUnder }: PanelProps<DetectPatternConfig>) {
  const input = inputs[0]?.properties ?? [];
  return (
    <Section
      title="Partition by"
      description="Each value (e.g. each transaction id) has its own sequence of events: a pattern never spans two."
    >
      <Problems messages={problemsUnder('partitionBy')} />
      <NameChecklist
        idPrefix={`pattern-${nodeId}-partition`}
        legend="Look for the pattern per"
        names={input.filter((p) => !p.eventTime && !NESTED.includes(String(p.type))).map((p) => p.name)}
        checked={config.partitionBy ?? []}
        onChange={(partitionBy) => onChange({ ...config, partitionBy })}
      />
    </Section>
  );
}

/** A whole number typed in a field, or undefined when it is empty. */
const count = (text: string) => (text === '' ? undefined : Number(text));

/** `times` without empty bounds; undefined when both are empty. */
function times(min: number | undefined, max: number | undefined): PatternStep['times'] {
  if (min === undefined && max === undefined) return undefined;
  return { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
}

export function PatternSteps({ config, onChange, inputs, nodeId, problemAt }: PanelProps<DetectPatternConfig>) {
  const properties = inputs[0]?.properties ?? [];
  const steps = config.steps ?? [];
  const id = `pattern-${nodeId}-steps`;
  return (
    <Section
      title="Steps"
      description="In order, each matching the next event(s) of the partition in event time, with no other event in between."
    >
      <Problems messages={present(problemAt('steps'))} />
      <RowList<PatternStep>
        items={steps}
        make={() => ({})}
        addLabel="Add step"
        removeLabel={(i) => `Remove step ${i + 1}`}
        onChange={(next) => onChange({ ...config, steps: next.length ? next : undefined })}
        render={(step, i, update) => (
          <fieldset className="cds--fieldset eddy-object" aria-label={`Step ${i + 1}`}>
            <legend className="cds--label">Step {i + 1}</legend>
            <TextInput
              id={`${id}-${i}-name`}
              labelText={`Step ${i + 1} name`}
              size="sm"
              placeholder="started"
              value={step.name ?? ''}
              invalid={!!problemAt(`steps[${i}].name`)}
              invalidText={problemAt(`steps[${i}].name`)}
              onChange={(e) => update({ ...step, name: e.target.value || undefined })}
            />
            <ExpressionEditor
              id={`${id}-${i}-condition`}
              label={`Step ${i + 1} condition`}
              value={step.condition ?? ''}
              properties={properties}
              placeholder="state = 'STARTED'"
              invalid={problemAt(`steps[${i}].condition`)}
              onChange={(condition) => update({ ...step, condition: condition || undefined })}
            />
            <ConditionAssistant
              id={`${id}-${i}-assist`}
              properties={properties}
              onAdd={(part) => update({ ...step, condition: andThen(step.condition, part) })}
            />
            <div className="eddy-row">
              <TextInput
                id={`${id}-${i}-min`}
                labelText={`Step ${i + 1} at least`}
                type="number"
                size="sm"
                min={1}
                placeholder="1"
                value={step.times?.min ?? ''}
                invalid={!!problemAt(`steps[${i}].times.min`)}
                invalidText={problemAt(`steps[${i}].times.min`)}
                onChange={(e) => update({ ...step, times: times(count(e.target.value), step.times?.max) })}
              />
              <TextInput
                id={`${id}-${i}-max`}
                labelText={`Step ${i + 1} at most`}
                type="number"
                size="sm"
                min={1}
                placeholder={step.times ? 'no limit' : '1'}
                value={step.times?.max ?? ''}
                invalid={!!problemAt(`steps[${i}].times.max`)}
                invalidText={problemAt(`steps[${i}].times.max`)}
                onChange={(e) => update({ ...step, times: times(step.times?.min, count(e.target.value)) })}
              />
            </div>
          </fieldset>
        )}
      />
    </Section>
  );
}

export function PatternNotFollowedBy({ config, onChange, inputs, nodeId, problemAt }: PanelProps<DetectPatternConfig>) {
  const properties = inputs[0]?.properties ?? [];
  const not = config.notFollowedBy;
  const id = `pattern-${nodeId}-not`;
  const set = (next: PatternAbsence | undefined) => {
    const { notFollowedBy: _not, ...rest } = config;
    onChange(next ? { ...rest, notFollowedBy: next } : rest);
  };
  return (
    <Section
      title="Not followed by"
      description="Report a match only when no event of its partition meeting this condition comes after it before the time limit (counted from its first event) runs out; it is reported once that time has passed."
    >
      <Problems messages={present(problemAt('notFollowedBy'))} />
      <Checkbox
        id={`${id}-on`}
        labelText="A step must not follow"
        checked={!!not}
        onChange={(_, { checked }) => set(checked ? {} : undefined)}
      />
      {not && (
        <fieldset className="cds--fieldset eddy-object" aria-label="Not followed by">
          <legend className="cds--label">Not followed by</legend>
          <TextInput
            id={`${id}-name`}
            labelText="Not followed by name"
            size="sm"
            placeholder="completed"
            value={not.name ?? ''}
            invalid={!!problemAt('notFollowedBy.name')}
            invalidText={problemAt('notFollowedBy.name')}
            onChange={(e) => set({ ...not, name: e.target.value || undefined })}
          />
          <ExpressionEditor
            id={`${id}-condition`}
            label="Not followed by condition"
            value={not.condition ?? ''}
            properties={properties}
            placeholder="state = 'COMPLETED'"
            invalid={problemAt('notFollowedBy.condition')}
            onChange={(condition) => set({ ...not, condition: condition || undefined })}
          />
          <ConditionAssistant
            id={`${id}-assist`}
            properties={properties}
            onAdd={(part) => set({ ...not, condition: andThen(not.condition, part) })}
          />
        </fieldset>
      )}
    </Section>
  );
}

export function PatternMeasures({ config, onChange, inputs, nodeId, problemAt }: PanelProps<DetectPatternConfig>) {
  const properties = inputs[0]?.properties ?? [];
  const measures = config.measures ?? [];
  const stepNames = (config.steps ?? []).map((s) => s.name).filter((n): n is string => !!n);
  const id = `pattern-${nodeId}-measures`;
  const [fn, setFn] = useState('LAST');
  const [step, setStep] = useState<string | undefined>();
  const [property, setProperty] = useState<string | undefined>();
  const set = (next: PatternMeasure[]) => onChange({ ...config, measures: next.length ? next : undefined });
  const chosenStep = step && stepNames.includes(step) ? step : undefined;
  // once only: a second match time, or a second measure named matchedAt, is refused by the server
  const hasMatchTime = measures.some(
    (m) => m.name === 'matchedAt' || m.expression?.replace(/\s/g, '').toUpperCase() === 'MATCH_ROWTIME()',
  );

  const addComputed = () => {
    if (!chosenStep || !property) return;
    const name = `${fn.toLowerCase()}${cap(chosenStep)}${cap(property)}`;
    set([...measures, { name, expression: `${fn}(${chosenStep}.${identifier(property)})` }]);
  };

  return (
    <Section
      title="Measures"
      description="What each match outputs besides the partition properties, computed over the steps by name."
    >
      <Problems messages={present(problemAt('measures'))} />
      <RowList<PatternMeasure>
        items={measures}
        make={() => ({})}
        addLabel="Add measure"
        removeLabel={(i) => `Remove measure ${i + 1}`}
        onChange={set}
        render={(m, i, update) => (
          <>
            <TextInput
              id={`${id}-${i}-name`}
              labelText={`Measure ${i + 1} name`}
              size="sm"
              value={m.name ?? ''}
              invalid={!!problemAt(`measures[${i}].name`)}
              invalidText={problemAt(`measures[${i}].name`)}
              onChange={(e) => update({ ...m, name: e.target.value || undefined })}
            />
            <ExpressionEditor
              id={`${id}-${i}-expression`}
              label={`Measure ${i + 1} expression`}
              value={m.expression ?? ''}
              properties={properties}
              placeholder="FIRST(started.ts)"
              invalid={problemAt(`measures[${i}].expression`)}
              onChange={(expression) => update({ ...m, expression: expression || undefined })}
            />
          </>
        )}
      />
      <fieldset className="cds--fieldset eddy-object" aria-label="Measure assistant">
        <legend className="cds--label">Measure assistant</legend>
        <Select id={`${id}-function`} labelText="Function" size="sm" value={fn} onChange={(e) => setFn(e.target.value)}>
          {FUNCTIONS.map((f) => (
            <SelectItem key={f} value={f} text={f} />
          ))}
        </Select>
        <PropertySelect
          id={`${id}-step`}
          label="Of step"
          placeholder="Choose a step"
          value={chosenStep}
          options={stepNames.map((name) => ({ name }))}
          onChange={setStep}
        />
        <PropertySelect
          id={`${id}-property`}
          label="Property"
          value={property}
          options={properties}
          onChange={setProperty}
        />
        <Button kind="tertiary" size="sm" renderIcon={Add} disabled={!chosenStep || !property} onClick={addComputed}>
          Add this measure
        </Button>
        <Button
          kind="ghost"
          size="sm"
          renderIcon={Add}
          disabled={hasMatchTime}
          onClick={() => set([...measures, { name: 'matchedAt', expression: 'MATCH_ROWTIME()' }])}
        >
          Add the match time (an event time)
        </Button>
      </fieldset>
    </Section>
  );
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
