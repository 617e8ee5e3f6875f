// Filter: a Flink SQL boolean expression, typed or built with the assistant.
import type { PanelProps } from '../shared/panel';
import { ExpressionEditor } from '../shared/ExpressionEditor';
import { ConditionAssistant } from '../shared/ConditionAssistant';
import { Section } from '../shared/fields';
import { andThen } from '../shared/sql';
import type { FilterConfig } from './types';

export function FilterExpression({ config, onChange, inputs, problemAt, nodeId }: PanelProps<FilterConfig>) {
  const properties = inputs[0]?.properties ?? [];
  const id = `filter-${nodeId}`;
  return (
    <>
      <Section
        title="Filter expression"
        description="Events for which the expression is true pass on; the others are dropped."
      >
        <ExpressionEditor
          id={`${id}-expression`}
          label="Expression"
          value={config.expression ?? ''}
          onChange={(expression) => onChange({ ...config, expression: expression || undefined })}
          properties={properties}
          placeholder="region = 'EMEA' AND price > 100"
          invalid={problemAt('expression')}
        />
      </Section>
      <Section title="Assistant" description="Build a condition and add it to the expression (joined with AND).">
        <ConditionAssistant
          id={`${id}-assist`}
          properties={properties}
          onAdd={(part) => onChange({ ...config, expression: andThen(config.expression, part) })}
        />
      </Section>
    </>
  );
}
