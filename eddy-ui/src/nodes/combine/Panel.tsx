// Combine: which input gives the output its properties (listed first), and for every other input which
// of its properties feeds each output property (by default the one of the same name). Every edit writes
// the list of the connected inputs, so a new connection is listed by the next one.
import { Select, SelectItem } from '@carbon/react';
import type { PanelProps } from '../shared/panel';
import { Problems, PropertySelect, Section } from '../shared/fields';
import type { CombineConfig } from './types';

type Mapping = Record<string, string>;

export function CombineInputs({ config, onChange, inputs, nodeId, problemsUnder }: PanelProps<CombineConfig>) {
  const listed = config.inputs ?? [];
  const first = listed[0]?.input;
  const firstInput = inputs.find((i) => i.name === first);
  // the connected inputs in the config's order, then those not listed yet
  const ordered = [
    ...listed.flatMap((l) => inputs.filter((i) => i.name === l.input)),
    ...inputs.filter((i) => !listed.some((l) => l.input === i.name)),
  ];
  const mapOf = (name: string): Mapping => listed.find((l) => l.input === name)?.map ?? {};
  /** the connected inputs, `head` first, each keeping its mapping unless `changed` has a new one */
  const write = (head: string, changed: Record<string, Mapping> = {}) => {
    const names = [head, ...ordered.map((i) => i.name).filter((n) => n !== head)];
    onChange({
      ...config,
      inputs: names.map((input, k) => {
        const map = k === 0 ? {} : (changed[input] ?? mapOf(input));
        return Object.keys(map).length ? { input, map } : { input };
      }),
    });
  };
  return (
    <Section
      title="Inputs"
      description="Every event of every input comes out once. The output has the properties of the input chosen here; each other input feeds them from its property of the same name, unless another one is chosen."
    >
      <Problems messages={problemsUnder('inputs')} />
      {inputs.length < 2 && <p className="eddy-hint">Connect two or more inputs.</p>}
      <Select
        id={`combine-${nodeId}-first`}
        labelText="Output properties from"
        size="sm"
        value={first ?? ''}
        onChange={(e) => e.target.value && write(e.target.value)}
      >
        <SelectItem value="" text="Choose an input" />
        {first && !firstInput && <SelectItem value={first} text={`${first} (not connected)`} />}
        {inputs.map((i) => (
          <SelectItem key={i.id} value={i.name} text={i.name} />
        ))}
      </Select>
      {firstInput &&
        ordered
          .filter((other) => other.name !== first)
          .map((other) => (
            <fieldset key={other.id} className="cds--fieldset">
              <legend className="cds--label">What {other.name} feeds each property with</legend>
              {firstInput.properties.map((p) => {
                const map = mapOf(other.name);
                const sameName = other.properties.some((q) => q.name === p.name);
                return (
                  <PropertySelect
                    key={p.name}
                    id={`combine-${nodeId}-${other.id}-${p.name}`}
                    label={`${p.name} from ${other.name}`}
                    value={map[p.name] ?? (sameName ? p.name : undefined)}
                    options={other.properties}
                    onChange={(v) => {
                      const rest = { ...map };
                      delete rest[p.name];
                      write(first!, { [other.name]: !v || v === p.name ? rest : { ...rest, [p.name]: v } });
                    }}
                  />
                );
              })}
            </fieldset>
          ))}
    </Section>
  );
}
