// Aggregate: the functions, the group-by and the output properties (the window is shared/WindowSection).
import { Select, SelectItem } from '@carbon/react';
import { TextInput } from '../../common/inputs';
import type { PanelProps } from '../shared/panel';
import { NameChecklist, OutputSection, present, Problems, PropertySelect, RowList, Section } from '../shared/fields';
import {
  AGGREGATE_FUNCTIONS,
  aggregateName,
  type AggregateConfig,
  type AggregateFunction,
  type AggregateSpec,
} from './types';

export function AggregateFunctions({ config, onChange, inputs, nodeId, problemAt }: PanelProps<AggregateConfig>) {
  const id = `aggregate-${nodeId}`;
  const input = inputs[0]?.properties ?? [];
  const aggregates = config.aggregates ?? [];
  return (
    <Section title="Aggregate functions" description="COUNT, SUM, AVG, MIN or MAX of a property, per window and group.">
      <Problems messages={present(problemAt('aggregates'))} />
      <RowList
        items={aggregates}
        make={(): AggregateSpec => ({ function: 'COUNT' })}
        addLabel="Add a function"
        removeLabel={(i) => `Remove function ${i + 1}`}
        onChange={(list) => onChange({ ...config, aggregates: list })}
        render={(a, i, update) => (
          <>
            <Select
              id={`${id}-fn-${i}`}
              labelText={`Function ${i + 1}`}
              size="sm"
              value={a.function}
              invalid={!!(problemAt(`aggregates[${i}]`) ?? problemAt(`aggregates[${i}].function`))}
              invalidText={present(problemAt(`aggregates[${i}]`), problemAt(`aggregates[${i}].function`)).join(' ')}
              onChange={(e) => update({ ...a, function: e.target.value as AggregateFunction })}
            >
              {AGGREGATE_FUNCTIONS.map((f) => (
                <SelectItem key={f} value={f} text={f} />
              ))}
            </Select>
            <PropertySelect
              id={`${id}-fn-property-${i}`}
              label={`Property of function ${i + 1}`}
              value={a.property}
              options={input}
              placeholder={a.function === 'COUNT' ? 'All events' : 'Choose a property'}
              invalid={problemAt(`aggregates[${i}].property`)}
              onChange={(property) => update({ ...a, property })}
            />
            <TextInput
              id={`${id}-fn-as-${i}`}
              labelText={`Result name of function ${i + 1}`}
              size="sm"
              placeholder={aggregateName({ ...a, as: undefined })}
              value={a.as ?? ''}
              invalid={!!problemAt(`aggregates[${i}].as`)}
              invalidText={problemAt(`aggregates[${i}].as`)}
              onChange={(e) => update({ ...a, as: e.target.value || undefined })}
            />
          </>
        )}
      />
    </Section>
  );
}

export function AggregateGroupBy({ config, onChange, inputs, nodeId, problemsUnder }: PanelProps<AggregateConfig>) {
  const input = inputs[0]?.properties ?? [];
  return (
    <Section title="Group by">
      <Problems messages={problemsUnder('groupBy')} />
      <NameChecklist
        idPrefix={`aggregate-${nodeId}-group`}
        legend="Aggregate separately for each value of"
        names={input.filter((p) => !p.eventTime).map((p) => p.name)}
        checked={config.groupBy ?? []}
        onChange={(g) => onChange({ ...config, groupBy: g })}
      />
    </Section>
  );
}

/** The output properties: the group-by properties, the results and the window's times. */
export function AggregateOutput({
  config,
  onChange,
  inputs,
  nodeId,
  report,
  problemsUnder,
}: PanelProps<AggregateConfig>) {
  const input = inputs[0]?.properties ?? [];
  const typeOf = (n: string) => report?.output.find((o) => o.name === n)?.type;
  const candidates = [
    ...(config.groupBy ?? []).map((g) => ({ name: g, type: input.find((p) => p.name === g)?.type })),
    ...(config.aggregates ?? []).map((a) => ({ name: aggregateName(a), type: typeOf(aggregateName(a)) })),
    { name: 'aggregateStartTime', type: 'TIMESTAMP' },
    { name: 'aggregateEndTime', type: 'TIMESTAMP' },
    { name: 'aggregateResultTime', type: 'TIMESTAMP' },
  ];
  return (
    <OutputSection
      idPrefix={`aggregate-${nodeId}`}
      candidates={candidates}
      output={config.output}
      onChange={(output) => onChange({ ...config, output })}
      problems={problemsUnder('output')}
    />
  );
}
