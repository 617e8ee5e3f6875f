// Filter: a Flink SQL boolean expression, typed or built with the assistant.
import { useState } from 'react';
import { Button, Select, SelectItem } from '@carbon/react';
import { TextInput } from '../../common/inputs';
import { Add } from '@carbon/icons-react';
import type { PanelProps } from '../shared/panel';
import { ExpressionEditor } from '../shared/ExpressionEditor';
import { PropertySelect, Section } from '../shared/fields';
import { andThen, CONDITIONS, literal } from '../shared/sql';
import { propertyPaths } from '../shared/paths';
import type { FilterConfig } from './types';

export function FilterExpression({ config, onChange, inputs, problemAt, nodeId }: PanelProps<FilterConfig>) {
  const properties = inputs[0]?.properties ?? [];
  // every property and what is inside it: customer.country, items[1].sku, CARDINALITY(items)
  const paths = propertyPaths(properties);
  const id = `filter-${nodeId}`;
  const [property, setProperty] = useState<string | undefined>();
  const [condition, setCondition] = useState('=');
  const [value, setValue] = useState('');
  const chosen = paths.find((p) => p.label === property);
  const unary = condition.startsWith('IS ');

  const add = () => {
    if (!chosen) return;
    const part = unary
      ? `${chosen.expression} ${condition}`
      : `${chosen.expression} ${condition} ${condition === 'LIKE' ? literal('STRING', value) : literal(chosen.type, value)}`;
    onChange({ ...config, expression: andThen(config.expression, part) });
    setValue('');
  };

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
        <PropertySelect
          id={`${id}-assist-property`}
          label="Property"
          value={property}
          options={paths.map((p) => ({ name: p.label, type: p.typeText }))}
          onChange={setProperty}
        />
        <Select
          id={`${id}-assist-condition`}
          labelText="Condition"
          size="sm"
          value={condition}
          onChange={(e) => setCondition(e.target.value)}
        >
          {CONDITIONS.map((c) => (
            <SelectItem key={c.op} value={c.op} text={c.label} />
          ))}
        </Select>
        {!unary && (
          <TextInput
            id={`${id}-assist-value`}
            labelText="Value"
            size="sm"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
        <Button kind="tertiary" size="sm" renderIcon={Add} disabled={!chosen} onClick={add}>
          Add to expression
        </Button>
      </Section>
    </>
  );
}
