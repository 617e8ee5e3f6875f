// The generic form: renders config fields from their declarations in the server's registry
// (GET /api/node-types) — text, numbers, booleans, choices, durations, secrets, expressions, input
// properties, lists, nested objects and maps, each shown only when its `dependsOn` holds. A node
// type without a hand-written panel is configured with this form alone.
import type { ReactNode } from 'react';
import { Button, Checkbox, Select, SelectItem, TextArea } from '@carbon/react';
import { TextInput, PasswordInput } from '../../common/inputs';
import { SIMPLE_PROPERTY_TYPES, type Duration, type FieldSpec, type OutputProperty } from '../../types';
import type { NodeConfig } from '../model';
import { ExpressionEditor } from './ExpressionEditor';
import { DurationField, PropertySelect, RowList, Section } from './fields';
import type { PanelInput } from './panel';

/** Where a value sits in the config: object keys and list indexes. */
type Location = (string | number)[];

/** `['properties', 2, 'name']` → `properties[2].name`, the form of a problem's `field`. */
export const pathOf = (at: Location) =>
  at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

const getAt = (value: unknown, at: Location): unknown =>
  at.reduce<unknown>(
    (v, k) => (v != null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );

/** A copy of `value` with `next` at `at`; undefined removes the key (an empty object stays). */
function setAt(value: unknown, at: Location, next: unknown): unknown {
  if (at.length === 0) return next;
  const [k, ...rest] = at;
  if (typeof k === 'number') {
    const list = Array.isArray(value) ? [...value] : [];
    list[k] = setAt(list[k], rest, next);
    return list;
  }
  const obj = { ...(value && typeof value === 'object' && !Array.isArray(value) ? (value as object) : {}) };
  const inner = setAt((obj as Record<string, unknown>)[k], rest, next);
  if (inner === undefined) delete (obj as Record<string, unknown>)[k];
  else (obj as Record<string, unknown>)[k] = inner;
  return obj;
}

/** A `dependsOn` path (declared, maybe with `[]`) resolved with the list indexes of `at`. */
function resolveDepends(declared: string, at: Location): Location {
  const indexes = at.filter((k): k is number => typeof k === 'number');
  const out: Location = [];
  for (const part of declared.split('.')) {
    const name = part.endsWith('[]') ? part.slice(0, -2) : part;
    if (name) out.push(name);
    if (part.endsWith('[]')) out.push(indexes.shift() ?? 0);
  }
  return out;
}

/** Whether a field is shown: always, or when the field it depends on has one of the listed values. */
export function visible(field: FieldSpec, config: unknown, at: Location = []): boolean {
  if (!field.dependsOn) return true;
  const value = getAt(config, resolveDepends(field.dependsOn.field, at));
  return field.dependsOn.values.some((v) => v === value);
}

/**
 * The declared paths this form shows a widget for, given the config: visible fields, their nested
 * fields and list items. A problem at one of them is shown at its widget.
 */
export function shownPaths(fields: FieldSpec[], config: unknown): Set<string> {
  const shown = new Set<string>();
  const walk = (fs: FieldSpec[]) => {
    for (const f of fs) {
      // fields inside lists are shown when the list has items; their dependsOn is per item
      if (!f.path.includes('[]') && !visible(f, config)) continue;
      shown.add(f.path);
      if (f.fields) walk(f.fields);
      if (f.items) walk([f.items]);
      if (f.values) walk([f.values]);
    }
  };
  walk(fields);
  return shown;
}

/**
 * An item of a `properties` field: a name and an Eddy type (STRING, DOUBLE, TIMESTAMP, …). ROW,
 * ARRAY and MAP need what they hold, which this flat list cannot say: the source's structure
 * editor edits those.
 */
const PROPERTY_DEF: FieldSpec = {
  name: 'property',
  path: '',
  label: 'Property',
  type: 'object',
  required: false,
  description: '',
  sensitive: false,
  custom: false,
  fields: [
    {
      name: 'name',
      path: '',
      label: 'Name',
      type: 'string',
      required: true,
      description: '',
      sensitive: false,
      custom: false,
    },
    {
      name: 'type',
      path: '',
      label: 'Type',
      type: 'choice',
      allowed: SIMPLE_PROPERTY_TYPES,
      required: true,
      description: '',
      sensitive: false,
      custom: false,
    },
  ],
};

/** A new list item or map value of a declared type. */
function emptyOf(field: FieldSpec): unknown {
  if (field.default !== undefined) return structuredClone(field.default);
  if (field.type === 'object') return {};
  if (field.type === 'list' || field.type === 'properties') return [];
  if (field.type === 'string' || field.type === 'text' || field.type === 'expression') return '';
  return undefined;
}

/** What every widget of the form needs: the node's whole config, where to send changes, its inputs, its problems. */
export interface FormContext {
  config: NodeConfig;
  onChange: (config: NodeConfig) => void;
  inputs: PanelInput[];
  problemAt: (path: string) => string | undefined;
  idPrefix: string;
  /** an assistant for the field at a declared path, shown under its widget */
  assistantFor?: (declaredPath: string) => ReactNode;
}

/** One top-level field: an object is a section of its own, any other field sits in a plain section. */
export function TopField({ field, form }: { field: FieldSpec; form: FormContext }) {
  if (!visible(field, form.config)) return null;
  if (field.type === 'object' && field.fields) {
    return (
      <Section title={field.label} description={field.description}>
        <ObjectFields field={field} at={[field.name]} form={form} />
      </Section>
    );
  }
  return (
    <div className="eddy-section">
      <FieldWidget field={field} at={[field.name]} form={form} />
    </div>
  );
}

function ObjectFields({ field, at, form }: { field: FieldSpec; at: Location; form: FormContext }) {
  const problem = form.problemAt(pathOf(at));
  return (
    <div className="eddy-stack">
      {problem && <p className="eddy-error-text">{problem}</p>}
      {(field.fields ?? [])
        .filter((f) => visible(f, form.config, at))
        .map((f) => (
          <FieldWidget key={f.name} field={f} at={[...at, f.name]} form={form} />
        ))}
    </div>
  );
}

/** The properties of the node's inputs, named `Input.property` when there are several inputs. */
function inputProperties(inputs: PanelInput[]): OutputProperty[] {
  if (inputs.length <= 1) return inputs[0]?.properties ?? [];
  return inputs.flatMap((i) => i.properties.map((p) => ({ ...p, name: `${i.name}.${p.name}` })));
}

type WidgetProps = { field: FieldSpec; at: Location; form: FormContext; label?: string };

/** A field's widget, and its assistant if it has one. */
function FieldWidget(props: WidgetProps) {
  const assistant = props.form.assistantFor?.(props.field.path);
  return (
    <>
      <FieldInput {...props} />
      {assistant}
    </>
  );
}

function FieldInput({ field, at, form, label = field.label }: WidgetProps) {
  const path = pathOf(at);
  const id = `${form.idPrefix}-${path}`;
  const value = getAt(form.config, at);
  const set = (next: unknown) => form.onChange(setAt(form.config, at, next) as NodeConfig);
  const problem = form.problemAt(path);
  // an emptied list item stays in its list (as ''), an emptied field is left out of the config
  const empty = typeof at[at.length - 1] === 'number' ? '' : undefined;
  const helper = field.description || undefined;
  const placeholder =
    field.default !== undefined && typeof field.default !== 'object' ? String(field.default) : undefined;

  switch (field.type) {
    case 'string':
      return field.sensitive && isSealed(value) ? (
        <StoredSecret id={id} label={label} onReplace={() => set(empty)} />
      ) : field.sensitive ? (
        <PasswordInput
          id={id}
          labelText={label}
          size="sm"
          autoComplete="new-password"
          helperText={helper}
          value={typeof value === 'string' ? value : ''}
          invalid={!!problem}
          invalidText={problem}
          onChange={(e) => set(e.target.value || empty)}
        />
      ) : (
        <TextInput
          id={id}
          labelText={label}
          size="sm"
          helperText={helper}
          placeholder={placeholder}
          value={typeof value === 'string' ? value : ''}
          invalid={!!problem}
          invalidText={problem}
          onChange={(e) => set(e.target.value || empty)}
        />
      );
    case 'text':
      return field.sensitive && isSealed(value) ? (
        <StoredSecret id={id} label={label} onReplace={() => set(empty)} />
      ) : (
        <TextArea
          id={id}
          labelText={label}
          rows={3}
          helperText={helper}
          value={typeof value === 'string' ? value : ''}
          invalid={!!problem}
          invalidText={problem}
          onChange={(e) => set(e.target.value || empty)}
        />
      );
    case 'integer':
    case 'number':
      return (
        <TextInput
          id={id}
          labelText={label}
          type="number"
          size="sm"
          step={field.type === 'integer' ? 1 : 'any'}
          helperText={helper}
          placeholder={placeholder}
          value={typeof value === 'number' ? value : ''}
          invalid={!!problem}
          invalidText={problem}
          onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          id={id}
          labelText={label}
          helperText={helper}
          checked={value === true || (value === undefined && field.default === true)}
          invalid={!!problem}
          invalidText={problem}
          onChange={(_, { checked }) => set(checked)}
        />
      );
    case 'choice':
      return (
        <Select
          id={id}
          labelText={label}
          size="sm"
          helperText={helper}
          value={value === undefined ? '' : String(value)}
          invalid={!!problem}
          invalidText={problem}
          onChange={(e) => set(field.allowed?.find((a) => String(a) === e.target.value))}
        >
          <SelectItem value="" text={field.default !== undefined ? `Default (${String(field.default)})` : 'Choose'} />
          {(field.allowed ?? []).map((a) => (
            <SelectItem key={String(a)} value={String(a)} text={String(a)} />
          ))}
        </Select>
      );
    case 'duration':
      return (
        <DurationField
          id={id}
          label={label}
          value={value as Duration | undefined}
          invalid={problem}
          onChange={(d) => set(d.value === undefined && d.unit === undefined ? undefined : d)}
        />
      );
    case 'expression':
      return (
        <ExpressionEditor
          id={id}
          label={label}
          value={typeof value === 'string' ? value : ''}
          properties={inputProperties(form.inputs)}
          invalid={problem}
          onChange={(text) => set(text || undefined)}
        />
      );
    case 'property':
      return (
        <PropertySelect
          id={id}
          label={label}
          value={typeof value === 'string' ? value : undefined}
          options={inputProperties(form.inputs)}
          invalid={problem}
          onChange={set}
        />
      );
    case 'object':
      return (
        <fieldset className="cds--fieldset eddy-object">
          <legend className="cds--label">{label}</legend>
          <ObjectFields field={field} at={at} form={form} />
        </fieldset>
      );
    case 'list':
      if (field.items) return <ListWidget field={field} items={field.items} at={at} form={form} label={label} />;
      break;
    case 'properties':
      return <ListWidget field={field} items={field.items ?? PROPERTY_DEF} at={at} form={form} label={label} />;
    case 'map':
      if (field.values) return <MapWidget field={field} values={field.values} at={at} form={form} label={label} />;
      break;
  }
  return <JsonWidget id={id} label={label} value={value} problem={problem} onChange={set} />;
}

function ListWidget({
  field,
  items,
  at,
  form,
  label,
}: {
  field: FieldSpec;
  items: FieldSpec;
  at: Location;
  form: FormContext;
  label: string;
}) {
  const value = getAt(form.config, at);
  const list = Array.isArray(value) ? value : [];
  const problem = form.problemAt(pathOf(at));
  const setList = (next: unknown[]) =>
    form.onChange(setAt(form.config, at, next.length ? next : undefined) as NodeConfig);
  return (
    <fieldset className="cds--fieldset eddy-list">
      <legend className="cds--label">{label}</legend>
      {problem && <p className="eddy-error-text">{problem}</p>}
      <RowList
        items={list}
        make={() => emptyOf(items)}
        addLabel={`Add ${items.label.toLowerCase()}`}
        removeLabel={(i) => `Remove ${items.label.toLowerCase()} ${i + 1}`}
        onChange={setList}
        render={(_, i) => <FieldWidget field={items} at={[...at, i]} form={form} label={`${items.label} ${i + 1}`} />}
      />
      {field.description && <p className="cds--form__helper-text">{field.description}</p>}
    </fieldset>
  );
}

function MapWidget({
  field,
  values,
  at,
  form,
  label,
}: {
  field: FieldSpec;
  values: FieldSpec;
  at: Location;
  form: FormContext;
  label: string;
}) {
  const value = getAt(form.config, at);
  const entries = Object.entries(value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const problem = form.problemAt(pathOf(at));
  const setEntries = (next: [string, unknown][]) =>
    form.onChange(setAt(form.config, at, next.length ? Object.fromEntries(next) : undefined) as NodeConfig);
  return (
    <fieldset className="cds--fieldset eddy-list">
      <legend className="cds--label">{label}</legend>
      {problem && <p className="eddy-error-text">{problem}</p>}
      <RowList
        items={entries}
        make={(): [string, unknown] => ['', emptyOf(values)]}
        addLabel="Add an entry"
        removeLabel={(i) => `Remove entry ${i + 1}`}
        onChange={setEntries}
        render={([key], i, update) => (
          <>
            <TextInput
              id={`${form.idPrefix}-${pathOf(at)}-key-${i}`}
              labelText={`Key ${i + 1}`}
              size="sm"
              value={key}
              onChange={(e) => update([e.target.value, entries[i][1]])}
            />
            <FieldWidget field={values} at={[...at, key]} form={form} label={`${values.label} ${i + 1}`} />
          </>
        )}
      />
      {field.description && <p className="cds--form__helper-text">{field.description}</p>}
    </fieldset>
  );
}

/** A field of a type this form does not know: edited as JSON, kept as it is until the text is valid. */
function JsonWidget({
  id,
  label,
  value,
  problem,
  onChange,
}: {
  id: string;
  label: string;
  value: unknown;
  problem?: string;
  onChange: (v: unknown) => void;
}) {
  return (
    <TextArea
      id={id}
      labelText={`${label} (JSON)`}
      rows={3}
      className="eddy-mono"
      defaultValue={value === undefined ? '' : JSON.stringify(value, null, 2)}
      invalid={!!problem}
      invalidText={problem}
      onChange={(e) => {
        if (!e.target.value.trim()) return onChange(undefined);
        try {
          onChange(JSON.parse(e.target.value));
        } catch {
          // not JSON yet: keep the value until it is
        }
      }}
    />
  );
}

/**
 * A secret the server stores: its answers never show it (they carry it sealed, which saving sends
 * back unchanged), so the form says it is set and offers to replace or clear it (docs/security.md).
 */
export const isSealed = (value: unknown): boolean => typeof value === 'string' && value.startsWith('eddy-enc:');

function StoredSecret({ id, label, onReplace }: { id: string; label: string; onReplace: () => void }) {
  return (
    <div className="cds--form-item eddy-stored-secret" data-testid={`${id}-stored`}>
      <span className="cds--label">{label}</span>
      <p className="eddy-hint">A secret is stored. It is never shown; replace it or clear it.</p>
      <Button kind="ghost" size="sm" onClick={onReplace} aria-label={`Replace or clear ${label}`}>
        Replace or clear
      </Button>
    </div>
  );
}
