// Aggregate: time window, functions, group-by, output properties.
import { Select, SelectItem, TextInput } from '@carbon/react';
import type { PanelProps } from '../shared/panel';
import { NameChecklist, OutputSection, PropertySelect, RowList, Section } from '../shared/fields';
import { WindowSection } from '../shared/WindowSection';
import {
  AGGREGATE_FUNCTIONS,
  aggregateName,
  type AggregateConfig,
  type AggregateFunction,
  type AggregateSpec,
} from './types';

export function AggregatePanel({ config, onChange, inputs, nodeId, report }: PanelProps<AggregateConfig>) {
  const id = `aggregate-${nodeId}`;
  const input = inputs[0]?.properties ?? [];
  const aggregates = config.aggregates ?? [];
  const groupBy = config.groupBy ?? [];
  const typeOf = (n: string) => report?.output.find((o) => o.name === n)?.type;
  const candidates = [
    ...groupBy.map((g) => ({ name: g, type: input.find((p) => p.name === g)?.type })),
    ...aggregates.map((a) => ({ name: aggregateName(a), type: typeOf(aggregateName(a)) })),
    { name: 'aggregateStartTime', type: 'TIMESTAMP' },
    { name: 'aggregateEndTime', type: 'TIMESTAMP' },
    { name: 'aggregateResultTime', type: 'TIMESTAMP' },
  ];
  return (
    <>
      <WindowSection
        id={id}
        window={config.window}
        input={input}
        onChange={(window) => onChange({ ...config, window })}
      />
      <Section
        title="Aggregate functions"
        description="COUNT, SUM, AVG, MIN or MAX of a property, per window and group."
      >
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
                onChange={(property) => update({ ...a, property })}
              />
              <TextInput
                id={`${id}-fn-as-${i}`}
                labelText={`Result name of function ${i + 1}`}
                size="sm"
                placeholder={aggregateName({ ...a, as: undefined })}
                value={a.as ?? ''}
                onChange={(e) => update({ ...a, as: e.target.value || undefined })}
              />
            </>
          )}
        />
      </Section>
      <Section title="Group by">
        <NameChecklist
          idPrefix={`${id}-group`}
          legend="Aggregate separately for each value of"
          names={input.filter((p) => !p.eventTime).map((p) => p.name)}
          checked={groupBy}
          onChange={(g) => onChange({ ...config, groupBy: g })}
        />
      </Section>
      <OutputSection
        idPrefix={id}
        candidates={candidates}
        output={config.output}
        onChange={(output) => onChange({ ...config, output })}
      />
    </>
  );
}
