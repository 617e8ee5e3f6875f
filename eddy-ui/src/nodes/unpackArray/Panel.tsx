// Unpack array: which array property of the input to unpack (only arrays are offered); the element's
// name (`as`) and its position (`index`) are plain fields of the generic form.
import type { PanelProps } from '../shared/panel';
import { PropertySelect, Section } from '../shared/fields';
import { typeText } from '../shared/paths';
import type { UnpackArrayConfig } from './types';

/** A name for one element of an array: `items` → `item`, `entries` → `entry`, `data` → `dataElement`. */
export function elementName(array: string): string {
  if (/[^aeiou]ies$/i.test(array)) return `${array.slice(0, -3)}y`;
  if (/(x|ch|sh|ss)es$/i.test(array)) return array.slice(0, -2);
  if (/[^s]s$/i.test(array)) return array.slice(0, -1);
  return `${array}Element`;
}

export function UnpackArrayChoice({ config, onChange, inputs, nodeId, problemAt }: PanelProps<UnpackArrayConfig>) {
  const arrays = (inputs[0]?.properties ?? []).filter((p) => p.type === 'ARRAY');
  const chosen = arrays.find((p) => p.name === config.array);
  return (
    <Section
      title="Array to unpack"
      description="One event per element of the array, in order; the other properties are copied into each. An empty or missing array produces no event."
    >
      <PropertySelect
        id={`unpack-${nodeId}-array`}
        label="Array property"
        value={config.array}
        options={arrays}
        placeholder={arrays.length || !inputs.length ? 'Choose an array property' : 'The input has no ARRAY property'}
        invalid={problemAt('array')}
        onChange={(array) =>
          onChange({
            ...config,
            array,
            // name the element after the array unless the user already has
            as: config.as || !array ? config.as : elementName(array),
          })
        }
      />
      {chosen?.items && (
        <p className="eddy-hint">
          Each event gets one element of {chosen.name} ({typeText(chosen.items)})
          {chosen.items.type === 'ROW'
            ? `: ${(chosen.items.properties ?? []).map((p) => `${config.as || 'element'}.${p.name}`).join(', ')}`
            : ''}
          .
        </p>
      )}
    </Section>
  );
}
