// The event properties as a tree (nested lists): each property, at any depth, can be left out or
// retyped; DECIMAL gets its precision and scale, a timestamp how it is written. Labels carry the
// property's path (`Use customer.country`, `Type of items[].price`) so each control is named.
import { Fragment, useState } from 'react';
import { Button, Checkbox, Select, SelectItem } from '@carbon/react';
import { TextInput } from '../../common/inputs';
import { ChevronDown, ChevronRight } from '@carbon/icons-react';
import { TIMESTAMP_FORMATS, type PropertyDef, type TypeDef } from '../../types';
import {
  choose,
  editTree,
  isTimestamp,
  retype,
  setDecimal,
  setFormat,
  treeRows,
  typeChoices,
  type TreeRow,
} from './tree';

const FORMAT_LABEL: Record<string, string> = {
  auto: 'auto (SQL or ISO-8601)',
  epochMillis: 'epoch milliseconds',
  epochSeconds: 'epoch seconds',
  pattern: 'pattern',
};

export interface StructureTreeProps {
  idPrefix: string;
  derived: PropertyDef[];
  chosen: PropertyDef[];
  onChange: (chosen: PropertyDef[]) => void;
  /** timestamp formats are a source's; database columns have none */
  withFormats?: boolean;
  label?: string;
}

export function StructureTree({
  idPrefix,
  derived,
  chosen,
  onChange,
  withFormats = true,
  label = 'Event properties',
}: StructureTreeProps) {
  const rows = treeRows(derived, chosen);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  if (!rows.length) return null;
  const edit = (row: TreeRow, change: Parameters<typeof editTree>[3]) =>
    onChange(editTree(chosen, derived, row.steps, change));
  const toggleOpen = (path: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  const render = (list: TreeRow[], top: boolean) => (
    <ul className={top ? 'eddy-tree' : 'eddy-tree__group'} aria-label={top ? label : undefined}>
      {list.map((row) => (
        <Row
          key={row.path}
          row={row}
          idPrefix={idPrefix}
          withFormats={withFormats}
          open={!collapsed.has(row.path)}
          onToggleOpen={() => toggleOpen(row.path)}
          edit={(change) => edit(row, change)}
        >
          {row.children.length > 0 && !collapsed.has(row.path) && render(row.children, false)}
        </Row>
      ))}
    </ul>
  );
  return render(rows, true);
}

function Row({
  row,
  idPrefix,
  withFormats,
  open,
  onToggleOpen,
  edit,
  children,
}: {
  row: TreeRow;
  idPrefix: string;
  withFormats: boolean;
  open: boolean;
  onToggleOpen: () => void;
  edit: (change: Parameters<typeof editTree>[3]) => void;
  children: React.ReactNode;
}) {
  const id = `${idPrefix}-${row.path.replace(/[^\w-]/g, '_')}`;
  const def: TypeDef = row.def;
  const enabled = row.chosen;
  return (
    <li className="eddy-tree__item" data-path={row.path}>
      <div className="eddy-tree__row" style={{ paddingInlineStart: `${row.depth * 1.5}rem` }}>
        {row.children.length > 0 ? (
          <Button
            kind="ghost"
            size="sm"
            hasIconOnly
            renderIcon={open ? ChevronDown : ChevronRight}
            iconDescription={`${open ? 'Hide' : 'Show'} what ${row.label} holds`}
            aria-expanded={open}
            tooltipPosition="right"
            onClick={onToggleOpen}
          />
        ) : (
          <span className="eddy-tree__spacer" />
        )}
        {row.optional ? (
          <Checkbox
            id={`${id}-use`}
            labelText={`Use ${row.path}`}
            hideLabel
            checked={row.chosen}
            disabled={!row.parentChosen}
            onChange={(_, { checked }) => edit(choose(checked))}
          />
        ) : (
          <span className="eddy-tree__spacer" />
        )}
        <span className="eddy-tree__name">{row.label}</span>
        <Select
          id={`${id}-type`}
          labelText={`Type of ${row.path}`}
          hideLabel
          size="sm"
          value={def.type}
          disabled={!enabled}
          onChange={(e) => edit(retype(e.target.value))}
        >
          {typeChoices(row).map((t) => (
            <SelectItem key={t} value={t} text={t} />
          ))}
        </Select>
      </div>
      {(def.type === 'DECIMAL' || (withFormats && isTimestamp(def.type))) && (
        <div className="eddy-tree__details" style={{ paddingInlineStart: `${row.depth * 1.5 + 4}rem` }}>
          {def.type === 'DECIMAL' &&
            DECIMAL_PARTS.map(({ key, label, title, min, max }) => (
              <Fragment key={key}>
                <span className="eddy-tree__hint" aria-hidden="true">
                  {key}
                </span>
                <TextInput
                  id={`${id}-${key}`}
                  labelText={`${label} of ${row.path}`}
                  hideLabel
                  placeholder={key}
                  title={title}
                  type="number"
                  size="sm"
                  min={min}
                  max={max}
                  disabled={!enabled}
                  value={def[key] ?? ''}
                  onChange={(e) => edit(setDecimal(key, numberOf(e.target.value)))}
                />
              </Fragment>
            ))}
          {withFormats && isTimestamp(def.type) && (
            <>
              <span className="eddy-tree__hint" aria-hidden="true">
                written as
              </span>
              <Select
                className="eddy-tree__format"
                id={`${id}-format`}
                labelText={`Format of ${row.path}`}
                hideLabel
                size="sm"
                value={def.format ?? 'auto'}
                disabled={!enabled}
                onChange={(e) => edit(setFormat(e.target.value, def.pattern))}
              >
                {TIMESTAMP_FORMATS.map((f) => (
                  <SelectItem key={f} value={f} text={FORMAT_LABEL[f]} />
                ))}
              </Select>
              {def.format === 'pattern' && (
                <TextInput
                  id={`${id}-pattern`}
                  labelText={`Pattern of ${row.path}`}
                  hideLabel
                  placeholder="dd/MM/yyyy HH:mm:ss"
                  size="sm"
                  disabled={!enabled}
                  value={def.pattern ?? ''}
                  onChange={(e) => edit(setFormat('pattern', e.target.value))}
                />
              )}
            </>
          )}
        </div>
      )}
      {children}
    </li>
  );
}

/** The two numbers of a DECIMAL, each with its own input. */
const DECIMAL_PARTS: { key: 'precision' | 'scale'; label: string; title: string; min: number; max?: number }[] = [
  { key: 'precision', label: 'Precision', title: 'Precision: digits in all', min: 1, max: 38 },
  { key: 'scale', label: 'Scale', title: 'Scale: digits after the decimal point', min: 0 },
];

const numberOf = (raw: string) => (raw === '' ? undefined : Number(raw));
