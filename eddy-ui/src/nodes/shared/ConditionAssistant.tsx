// The condition assistant of the filter and of the pattern steps: pick a property (or what is inside
// it), a comparison and a value, and add the condition to an expression (joined with AND).
import { useState } from 'react';
import { Button, Select, SelectItem } from '@carbon/react';
import { TextInput } from '../../common/inputs';
import { Add } from '@carbon/icons-react';
import type { OutputProperty } from '../../types';
import { PropertySelect } from './fields';
import { CONDITIONS, literal } from './sql';
import { propertyPaths } from './paths';

export function ConditionAssistant({
  id,
  properties,
  onAdd,
}: {
  id: string;
  properties: OutputProperty[];
  /** receives the condition built, e.g. `region = 'EMEA'` */
  onAdd: (condition: string) => void;
}) {
  // every property and what is inside it: customer.country, items[1].sku, CARDINALITY(items)
  const paths = propertyPaths(properties);
  const [property, setProperty] = useState<string | undefined>();
  const [condition, setCondition] = useState('=');
  const [value, setValue] = useState('');
  const chosen = paths.find((p) => p.label === property);
  const unary = condition.startsWith('IS ');

  const add = () => {
    if (!chosen) return;
    onAdd(
      unary
        ? `${chosen.expression} ${condition}`
        : `${chosen.expression} ${condition} ${condition === 'LIKE' ? literal('STRING', value) : literal(chosen.type, value)}`,
    );
    setValue('');
  };

  return (
    <>
      <PropertySelect
        id={`${id}-property`}
        label="Property"
        value={property}
        options={paths.map((p) => ({ name: p.label, type: p.typeText }))}
        onChange={setProperty}
      />
      <Select
        id={`${id}-condition`}
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
          id={`${id}-value`}
          labelText="Value"
          size="sm"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      )}
      <Button kind="tertiary" size="sm" renderIcon={Add} disabled={!chosen} onClick={add}>
        Add to expression
      </Button>
    </>
  );
}
