// Top-n: time window, ranking condition, group-by, output properties.
import { Select, SelectItem, TextInput } from '@carbon/react';
import type { PanelProps } from '../shared/panel';
import { NameChecklist, OutputSection, PropertySelect, Section } from '../shared/fields';
import { WindowSection } from '../shared/WindowSection';
import type { TopNConfig } from './types';

export function TopNPanel({ config, onChange, inputs, nodeId }: PanelProps<TopNConfig>) {
  const id = `topn-${nodeId}`;
  const input = inputs[0]?.properties ?? [];
  const candidates = [
    ...input.map((p) => ({ name: p.name, type: String(p.type) })),
    { name: 'windowStartTime', type: 'TIMESTAMP' },
    { name: 'windowEndTime', type: 'TIMESTAMP' },
    { name: 'windowResultTime', type: 'TIMESTAMP' },
    { name: 'topN', type: 'BIGINT' },
  ];
  return (
    <>
      <WindowSection
        id={id}
        window={config.window}
        input={input}
        onChange={(window) => onChange({ ...config, window })}
      />
      <Section title="Ranking" description="The events kept in each window are the first ones by this order.">
        <TextInput
          id={`${id}-limit`}
          labelText="Number of events to keep (n)"
          type="number"
          size="sm"
          min={1}
          value={config.limit ?? ''}
          onChange={(e) => onChange({ ...config, limit: e.target.value === '' ? undefined : Number(e.target.value) })}
        />
        <PropertySelect
          id={`${id}-order-property`}
          label="Rank by property"
          value={config.orderBy?.property}
          options={input}
          onChange={(property) => onChange({ ...config, orderBy: { ...config.orderBy, property } })}
        />
        <Select
          id={`${id}-order-direction`}
          labelText="Order"
          size="sm"
          value={config.orderBy?.direction ?? 'DESC'}
          onChange={(e) =>
            onChange({ ...config, orderBy: { ...config.orderBy, direction: e.target.value as 'ASC' | 'DESC' } })
          }
        >
          <SelectItem value="DESC" text="Highest first (descending)" />
          <SelectItem value="ASC" text="Lowest first (ascending)" />
        </Select>
      </Section>
      <Section title="Group by">
        <NameChecklist
          idPrefix={`${id}-group`}
          legend="Rank separately for each value of"
          names={input.filter((p) => !p.eventTime).map((p) => p.name)}
          checked={config.groupBy ?? []}
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
