// Transform: new properties computed by expressions, then the output properties.
import { useState } from 'react';
import { Button, Select, SelectItem } from '@carbon/react';
import { TextInput } from '../../common/inputs';
import { Add } from '@carbon/icons-react';
import type { PanelProps } from '../shared/panel';
import { ExpressionEditor } from '../shared/ExpressionEditor';
import { OutputSection, present, Problems, RowList, Section } from '../shared/fields';
import type { NewProperty, TransformConfig } from './types';

export const FUNCTION_TEMPLATES: { label: string; template: string }[] = [
  { label: 'UPPER — text in capitals', template: 'UPPER(text)' },
  { label: 'LOWER — text in small letters', template: 'LOWER(text)' },
  { label: 'CONCAT — join texts', template: "CONCAT(a, ' ', b)" },
  { label: 'SUBSTRING — part of a text', template: 'SUBSTRING(text FROM 1 FOR 3)' },
  { label: 'REPLACE — replace in a text', template: "REPLACE(text, 'old', 'new')" },
  { label: 'ROUND — round a number', template: 'ROUND(number, 2)' },
  { label: 'ABS — absolute value', template: 'ABS(number)' },
  { label: 'CAST — change the type', template: 'CAST(x AS DOUBLE)' },
  { label: 'COALESCE — first non-empty value', template: "COALESCE(x, 'default')" },
  { label: 'CASE — choose by condition', template: "CASE WHEN condition THEN 'a' ELSE 'b' END" },
  { label: 'DATE_FORMAT — format a timestamp', template: "DATE_FORMAT(ts, 'yyyy-MM-dd')" },
  { label: 'EXTRACT — part of a timestamp', template: 'EXTRACT(HOUR FROM ts)' },
  { label: 'CARDINALITY — number of elements of an array', template: 'CARDINALITY(array)' },
  { label: 'Element of an array (from 1)', template: 'array[1]' },
  { label: 'Property of a nested object', template: 'object.property' },
];

/** New properties computed by expressions, with a function assistant. */
export function NewProperties({ config, onChange, inputs, nodeId, problemAt }: PanelProps<TransformConfig>) {
  const id = `transform-${nodeId}`;
  const input = inputs[0]?.properties ?? [];
  const props = config.properties ?? [];
  const [fn, setFn] = useState('');
  const setProps = (list: NewProperty[]) => onChange({ ...config, properties: list });

  return (
    <Section
      title="New properties"
      description="Each new property is computed by an expression over the input's properties; a new property with an input property's name replaces it."
    >
      <Problems messages={present(problemAt('properties'))} />
      <RowList
        items={props}
        make={() => ({ name: '', expression: '' })}
        addLabel="Add a property"
        removeLabel={(i) => `Remove new property ${i + 1}`}
        onChange={setProps}
        render={(p, i, update) => (
          <>
            <TextInput
              id={`${id}-name-${i}`}
              labelText={`Name of new property ${i + 1}`}
              size="sm"
              value={p.name}
              invalid={!!(problemAt(`properties[${i}]`) ?? problemAt(`properties[${i}].name`))}
              invalidText={[problemAt(`properties[${i}]`), problemAt(`properties[${i}].name`)]
                .filter(Boolean)
                .join(' ')}
              onChange={(e) => update({ ...p, name: e.target.value })}
            />
            <ExpressionEditor
              id={`${id}-expression-${i}`}
              label={`Expression of new property ${i + 1}`}
              value={p.expression}
              properties={input}
              placeholder="price * quantity"
              invalid={problemAt(`properties[${i}].expression`)}
              onChange={(expression) => update({ ...p, expression })}
            />
          </>
        )}
      />
      <div className="eddy-row eddy-row--end">
        <Select
          id={`${id}-function`}
          labelText="Function assistant"
          size="sm"
          value={fn}
          onChange={(e) => setFn(e.target.value)}
        >
          <SelectItem value="" text="Choose a function" />
          {FUNCTION_TEMPLATES.map((f) => (
            <SelectItem key={f.template} value={f.template} text={f.label} />
          ))}
        </Select>
        <Button
          kind="tertiary"
          size="sm"
          renderIcon={Add}
          disabled={!fn}
          onClick={() => {
            const last = props[props.length - 1];
            if (last && !last.expression.trim())
              setProps(props.map((p, j) => (j === props.length - 1 ? { ...p, expression: fn } : p)));
            else setProps([...props, { name: '', expression: fn }]);
          }}
        >
          Insert
        </Button>
      </div>
    </Section>
  );
}

/** The output properties: the input's and the new ones (by the analysis's types). */
export function TransformOutput({
  config,
  onChange,
  inputs,
  nodeId,
  report,
  problemsUnder,
}: PanelProps<TransformConfig>) {
  const input = inputs[0]?.properties ?? [];
  const newNames = (config.properties ?? []).map((p) => p.name.trim()).filter(Boolean);
  const candidates = [
    ...input.filter((p) => !newNames.some((n) => n.toLowerCase() === p.name.toLowerCase())),
    ...newNames.map((n) => ({ name: n, type: report?.output.find((o) => o.name === n)?.type })),
  ];
  return (
    <OutputSection
      idPrefix={`transform-${nodeId}`}
      candidates={candidates}
      output={config.output}
      onChange={(output) => onChange({ ...config, output })}
      problems={problemsUnder('output')}
    />
  );
}
