// Top-n: the ranking, the group-by and the output properties (the window is shared/WindowSection, the
// number of events kept a plain field of the generic form).
import { Select, SelectItem } from '@carbon/react';
import type { PanelProps } from '../shared/panel';
import { NameChecklist, OutputSection, present, Problems, PropertySelect, Section } from '../shared/fields';
import type { TopNConfig } from './types';

export function TopNRanking({ config, onChange, inputs, nodeId, problemAt }: PanelProps<TopNConfig>) {
  const id = `topn-${nodeId}`;
  const input = inputs[0]?.properties ?? [];
  const direction = problemAt('orderBy.direction');
  return (
    <Section title="Ranking" description="The events kept in each window are the first ones by this order.">
      <Problems messages={present(problemAt('orderBy'))} />
      <PropertySelect
        id={`${id}-order-property`}
        label="Rank by property"
        value={config.orderBy?.property}
        options={input}
        invalid={problemAt('orderBy.property')}
        onChange={(property) => onChange({ ...config, orderBy: { ...config.orderBy, property } })}
      />
      <Select
        id={`${id}-order-direction`}
        labelText="Order"
        size="sm"
        value={config.orderBy?.direction ?? 'DESC'}
        invalid={!!direction}
        invalidText={direction}
        onChange={(e) =>
          onChange({ ...config, orderBy: { ...config.orderBy, direction: e.target.value as 'ASC' | 'DESC' } })
        }
      >
        <SelectItem value="DESC" text="Highest first (descending)" />
        <SelectItem value="ASC" text="Lowest first (ascending)" />
      </Select>
    </Section>
  );
}

export function TopNGroupBy({ config, onChange, inputs, nodeId, problemsUnder }: PanelProps<TopNConfig>) {
  const input = inputs[0]?.properties ?? [];
  return (
    <Section title="Group by">
      <Problems messages={problemsUnder('groupBy')} />
      <NameChecklist
        idPrefix={`topn-${nodeId}-group`}
        legend="Rank separately for each value of"
        names={input.filter((p) => !p.eventTime).map((p) => p.name)}
        checked={config.groupBy ?? []}
        onChange={(g) => onChange({ ...config, groupBy: g })}
      />
    </Section>
  );
}

/** The output properties: the input's, the window's times and the rank. */
export function TopNOutput({ config, onChange, inputs, nodeId, problemsUnder }: PanelProps<TopNConfig>) {
  const input = inputs[0]?.properties ?? [];
  const candidates = [
    ...input.map((p) => ({ name: p.name, type: String(p.type) })),
    { name: 'windowStartTime', type: 'TIMESTAMP' },
    { name: 'windowEndTime', type: 'TIMESTAMP' },
    { name: 'windowResultTime', type: 'TIMESTAMP' },
    { name: 'topN', type: 'BIGINT' },
  ];
  return (
    <OutputSection
      idPrefix={`topn-${nodeId}`}
      candidates={candidates}
      output={config.output}
      onChange={(output) => onChange({ ...config, output })}
      problems={problemsUnder('output')}
    />
  );
}
