// Small form pieces shared by the panels (Carbon components, imported one by one).
import { Button, Checkbox, NumberInput, Select, SelectItem, Toggle } from '@carbon/react';
import { TextInput } from '../../common/inputs';
import { Add, TrashCan } from '@carbon/icons-react';
import type { Duration, OutputConfig, TimeUnit, TypeDef } from '../../types';
import { typeText } from './paths';
import { TIME_UNITS } from '../../types';

export function Section({
  title,
  children,
  description,
}: {
  title: string;
  children: React.ReactNode;
  description?: string;
}) {
  return (
    <section className="eddy-section" aria-label={title}>
      <h3 className="eddy-section__title">{title}</h3>
      {description && <p className="eddy-section__description">{description}</p>}
      {children}
    </section>
  );
}

/** The messages that are there (problemAt answers undefined for a field without problems). */
export const present = (...messages: (string | undefined)[]) => messages.filter((m): m is string => !!m);

/** The analysis's messages about a part of a panel, shown in it (by the problems' field paths). */
export function Problems({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <ul className="eddy-field-problems">
      {messages.map((m) => (
        <li key={m} className="eddy-error-text">
          {m}
        </li>
      ))}
    </ul>
  );
}

const UNIT_LABEL: Record<TimeUnit, string> = {
  MILLISECOND: 'milliseconds',
  SECOND: 'seconds',
  MINUTE: 'minutes',
  HOUR: 'hours',
  DAY: 'days',
};

export function DurationField({
  id,
  label,
  value,
  onChange,
  allowNegative,
  invalid,
}: {
  id: string;
  label: string;
  value?: Duration;
  onChange: (d: Duration) => void;
  allowNegative?: boolean;
  invalid?: string;
}) {
  return (
    <fieldset className="eddy-duration">
      <legend className="cds--label">{label}</legend>
      <div className="eddy-row">
        <TextInput
          id={`${id}-value`}
          labelText="Value"
          hideLabel
          type="number"
          size="sm"
          min={allowNegative ? undefined : 0}
          value={value?.value ?? ''}
          invalid={!!invalid}
          invalidText={invalid}
          onChange={(e) => {
            const raw = e.target.value;
            onChange({ ...value, value: raw === '' ? undefined : Number(raw) });
          }}
          aria-label={`${label} value`}
        />
        <Select
          id={`${id}-unit`}
          labelText="Unit"
          hideLabel
          size="sm"
          value={value?.unit ?? ''}
          onChange={(e) => onChange({ ...value, unit: (e.target.value || undefined) as TimeUnit })}
          aria-label={`${label} unit`}
        >
          <SelectItem value="" text="Choose a unit" />
          {TIME_UNITS.map((u) => (
            <SelectItem key={u} value={u} text={UNIT_LABEL[u]} />
          ))}
        </Select>
      </div>
    </fieldset>
  );
}

export function PropertySelect({
  id,
  label,
  value,
  options,
  onChange,
  placeholder = 'Choose a property',
  invalid,
}: {
  id: string;
  label: string;
  value?: string;
  options: ({ name: string } & Partial<TypeDef>)[];
  onChange: (v: string | undefined) => void;
  placeholder?: string;
  invalid?: string;
}) {
  const known = !value || options.some((o) => o.name === value);
  return (
    <Select
      id={id}
      labelText={label}
      size="sm"
      value={value ?? ''}
      invalid={!!invalid}
      invalidText={invalid}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <SelectItem value="" text={placeholder} />
      {!known && <SelectItem value={value!} text={`${value} (no longer an input property)`} />}
      {options.map((o) => (
        <SelectItem key={o.name} value={o.name} text={o.type ? `${o.name} (${typeText(o as TypeDef)})` : o.name} />
      ))}
    </Select>
  );
}

/** Checkboxes over a list of names (group by, columns to add). */
export function NameChecklist({
  legend,
  names,
  checked,
  onChange,
  idPrefix,
}: {
  legend: string;
  names: string[];
  checked: string[];
  onChange: (checked: string[]) => void;
  idPrefix: string;
}) {
  return (
    <fieldset className="cds--fieldset eddy-checklist">
      <legend className="cds--label">{legend}</legend>
      {names.length === 0 && <p className="eddy-hint">Connect and configure the input first.</p>}
      {names.map((n) => (
        <Checkbox
          key={n}
          id={`${idPrefix}-${n}`}
          labelText={n}
          checked={checked.includes(n)}
          onChange={(_, { checked: on }) =>
            onChange(on ? [...checked.filter((c) => c !== n), n] : checked.filter((c) => c !== n))
          }
        />
      ))}
    </fieldset>
  );
}

/**
 * Output properties: each candidate can be removed (and added back) or renamed. `clashes` are
 * final names that more than one property would get.
 */
export function OutputSection({
  candidates,
  output,
  onChange,
  idPrefix,
  problems = [],
}: {
  candidates: ({ name: string } & Partial<TypeDef>)[];
  output?: OutputConfig;
  onChange: (o: OutputConfig) => void;
  idPrefix: string;
  /** the analysis's messages about the output properties */
  problems?: string[];
}) {
  const remove = output?.remove ?? [];
  const rename = output?.rename ?? {};
  const finalName = (n: string) =>
    rename[n] && rename[n].trim() ? rename[n].trim() : n.includes('.') ? n.slice(n.indexOf('.') + 1) : n;
  const kept = candidates.filter((c) => !remove.includes(c.name));
  const counts = new Map<string, number>();
  for (const c of kept)
    counts.set(finalName(c.name).toLowerCase(), (counts.get(finalName(c.name).toLowerCase()) ?? 0) + 1);
  const set = (r: string[], m: Record<string, string>) => {
    const cleaned = Object.fromEntries(Object.entries(m).filter(([, v]) => v !== ''));
    onChange({ remove: r, rename: cleaned });
  };
  return (
    <Section title="Output properties" description="Untick a property to remove it; give it a new name to rename it.">
      <Problems messages={problems} />
      {candidates.length === 0 && <p className="eddy-hint">Connect and configure the input first.</p>}
      {candidates.length > 0 && (
        <table className="eddy-table" aria-label="Output properties">
          <thead>
            <tr>
              <th scope="col">Keep</th>
              <th scope="col">Property</th>
              <th scope="col">Output name</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => {
              const removed = remove.includes(c.name);
              const clash = !removed && (counts.get(finalName(c.name).toLowerCase()) ?? 0) > 1;
              return (
                <tr key={c.name} className={clash ? 'eddy-clash' : undefined}>
                  <td>
                    <Checkbox
                      id={`${idPrefix}-keep-${c.name}`}
                      labelText={`Keep ${c.name}`}
                      hideLabel
                      checked={!removed}
                      onChange={(_, { checked }) =>
                        set(checked ? remove.filter((r) => r !== c.name) : [...remove, c.name], rename)
                      }
                    />
                  </td>
                  <td>
                    {c.name}
                    {c.type && <span className="eddy-type"> {typeText(c as TypeDef)}</span>}
                  </td>
                  <td>
                    <TextInput
                      id={`${idPrefix}-rename-${c.name}`}
                      labelText={`New name for ${c.name}`}
                      hideLabel
                      size="sm"
                      disabled={removed}
                      placeholder={finalName(c.name)}
                      value={rename[c.name] ?? ''}
                      invalid={clash}
                      invalidText={clash ? 'Another property has this name: rename or remove one.' : undefined}
                      onChange={(e) => set(remove, { ...rename, [c.name]: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** A list editor: rows with a remove button and an Add button. */
export function RowList<T>({
  items,
  render,
  onChange,
  make,
  addLabel,
  removeLabel,
}: {
  items: T[];
  render: (item: T, index: number, update: (t: T) => void) => React.ReactNode;
  onChange: (items: T[]) => void;
  make: () => T;
  addLabel: string;
  removeLabel: (index: number) => string;
}) {
  return (
    <div className="eddy-rowlist">
      {items.map((item, i) => (
        <div className="eddy-rowlist__row" key={i}>
          <div className="eddy-rowlist__fields">
            {render(item, i, (t) => onChange(items.map((x, j) => (j === i ? t : x))))}
          </div>
          <Button
            kind="ghost"
            size="sm"
            hasIconOnly
            renderIcon={TrashCan}
            iconDescription={removeLabel(i)}
            tooltipPosition="left"
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <Button kind="tertiary" size="sm" renderIcon={Add} onClick={() => onChange([...items, make()])}>
        {addLabel}
      </Button>
    </div>
  );
}

export { Toggle, NumberInput };
