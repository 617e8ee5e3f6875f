// Custom SQL: one Flink SQL query over the inputs, each named by its node name. The editor completes
// the inputs' names and properties; a button starts the query from the inputs.
import { Button } from '@carbon/react';
import type { PanelProps } from '../shared/panel';
import { ExpressionEditor } from '../shared/ExpressionEditor';
import { Section } from '../shared/fields';
import { quoted } from '../shared/sql';
import type { SqlConfig } from './types';

/** `SELECT * FROM` the inputs, one per line: a start the user edits. */
export function startingQuery(names: string[]) {
  return names.length === 0 ? '' : `SELECT *\nFROM ${names.map((n) => quoted(n)).join(',\n  ')}`;
}

export function SqlStatement({ config, onChange, inputs, nodeId, problemAt }: PanelProps<SqlConfig>) {
  const id = `sql-${nodeId}`;
  const names = inputs.map((i) => i.name);
  // the inputs by name, and every property of each, for completion
  const completions = [...inputs.map((i) => ({ name: i.name, type: 'TABLE' })), ...inputs.flatMap((i) => i.properties)];
  return (
    <Section
      title="SQL query"
      description="One Flink SQL SELECT over the inputs, each named by its node name (quote names with backticks). The output properties are the query's columns as Flink types them; name every computed column with AS."
    >
      {inputs.length === 0 ? (
        <p className="eddy-hint" role="note">
          Connect an input to write a query over it.
        </p>
      ) : (
        <ul className="eddy-inputs" aria-label="Inputs">
          {inputs.map((i) => (
            <li key={i.id}>
              <code>{quoted(i.name)}</code>: {i.properties.map((p) => p.name).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <ExpressionEditor
        id={`${id}-statement`}
        label="Query"
        value={config.statement ?? ''}
        properties={completions}
        placeholder={startingQuery(names) || 'SELECT * FROM `Orders`'}
        invalid={problemAt('statement')}
        onChange={(statement) => onChange({ ...config, statement: statement || undefined })}
      />
      <Button
        kind="tertiary"
        size="sm"
        disabled={inputs.length === 0 || !!config.statement?.trim()}
        onClick={() => onChange({ ...config, statement: startingQuery(names) })}
      >
        Start with SELECT * FROM the inputs
      </Button>
    </Section>
  );
}
