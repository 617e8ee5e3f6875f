// Database enrichment: the table (read from the database, with a column preview), match criteria and
// columns to add; the connection (JDBC URL, credentials) and the cache are plain fields of the generic form.
import { useState } from 'react';
import { Button, InlineLoading, Select, SelectItem } from '@carbon/react';
import { DataBase } from '@carbon/icons-react';
import * as api from '../../api';
import type { PanelProps } from '../shared/panel';
import { NameChecklist, OutputSection, present, Problems, PropertySelect, RowList, Section } from '../shared/fields';
import { typeText } from '../shared/paths';
import type { DatabaseEnrichmentConfig } from './types';

/** The table: its list read from the database (Load tables), and its columns as recorded. */
export function DatabaseTable({
  config,
  onChange,
  nodeId,
  problemAt,
  problemsUnder,
}: PanelProps<DatabaseEnrichmentConfig>) {
  const id = `db-${nodeId}`;
  const jdbc = config.jdbc ?? {};
  const [tables, setTables] = useState<api.DbTable[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const columns = config.columns ?? [];
  const tableProblem = problemAt('table');

  const load = async () => {
    if (!jdbc.url) return;
    setLoading(true);
    setError(null);
    try {
      setTables(await api.listTables({ url: jdbc.url, username: jdbc.username, password: jdbc.password }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };

  const chooseTable = (name: string) => {
    const t = tables?.find((x) => x.name === name);
    onChange({ ...config, table: name || undefined, columns: t?.columns ?? [], match: [], enrich: [] });
  };

  const preview = tables?.find((t) => t.name === config.table)?.columns ?? columns;

  return (
    <Section title="Table" description="The table looked up for each event; load the list from the database.">
      <div className="eddy-row">
        <Button
          kind="tertiary"
          size="sm"
          renderIcon={DataBase}
          disabled={!jdbc.url || loading}
          onClick={() => void load()}
        >
          Load tables
        </Button>
        {loading && <InlineLoading description="Connecting…" />}
      </div>
      {error && (
        <p className="eddy-error-text" role="alert">
          {error}
        </p>
      )}
      <Select
        id={`${id}-table`}
        labelText="Table"
        size="sm"
        value={config.table ?? ''}
        invalid={!!tableProblem}
        invalidText={tableProblem}
        onChange={(e) => chooseTable(e.target.value)}
      >
        <SelectItem value="" text={tables ? 'Choose a table' : 'Load the tables first'} />
        {config.table && !tables?.some((t) => t.name === config.table) && (
          <SelectItem value={config.table} text={config.table} />
        )}
        {(tables ?? []).map((t) => (
          <SelectItem key={t.name} value={t.name} text={t.name} />
        ))}
      </Select>
      {preview.length > 0 && (
        <table className="eddy-table" aria-label="Columns of the table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((c) => (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td>{typeText(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Problems messages={problemsUnder('columns')} />
    </Section>
  );
}

/** The match criteria: event property = column. */
export function DatabaseMatch({ config, onChange, inputs, nodeId, problemAt }: PanelProps<DatabaseEnrichmentConfig>) {
  const id = `db-${nodeId}`;
  const input = inputs[0]?.properties ?? [];
  const columns = config.columns ?? [];
  return (
    <Section title="Match" description="An event matches the rows whose columns equal its properties.">
      <Problems messages={present(problemAt('match'))} />
      <RowList
        items={config.match ?? []}
        make={(): { property?: string; column?: string } => ({})}
        addLabel="Add a match criterion"
        removeLabel={(i) => `Remove match ${i + 1}`}
        onChange={(match) => onChange({ ...config, match })}
        render={(m, i, update) => (
          <>
            <PropertySelect
              id={`${id}-match-property-${i}`}
              label={`Event property ${i + 1}`}
              value={m.property}
              options={input}
              invalid={problemAt(`match[${i}].property`) ?? problemAt(`match[${i}]`)}
              onChange={(property) => update({ ...m, property })}
            />
            <PropertySelect
              id={`${id}-match-column-${i}`}
              label={`equals column ${i + 1}`}
              value={m.column}
              options={columns}
              placeholder="Choose a column"
              invalid={problemAt(`match[${i}].column`)}
              onChange={(column) => update({ ...m, column })}
            />
          </>
        )}
      />
    </Section>
  );
}

/** The columns added to each event. */
export function DatabaseColumns({ config, onChange, nodeId, problemsUnder }: PanelProps<DatabaseEnrichmentConfig>) {
  const id = `db-${nodeId}`;
  const columns = config.columns ?? [];
  const enrich = config.enrich ?? [];
  return (
    <Section title="Columns to add">
      <Problems messages={problemsUnder('enrich')} />
      <NameChecklist
        idPrefix={`${id}-enrich`}
        legend="Add these columns to each event"
        names={columns.map((c) => c.name)}
        checked={enrich}
        onChange={(e) => onChange({ ...config, enrich: e })}
      />
    </Section>
  );
}

/** The output properties: the input's and the added columns. */
export function DatabaseOutput({
  config,
  onChange,
  inputs,
  nodeId,
  problemsUnder,
}: PanelProps<DatabaseEnrichmentConfig>) {
  const input = inputs[0]?.properties ?? [];
  const columns = config.columns ?? [];
  const candidates = [
    ...input.map((p) => ({ name: p.name, type: String(p.type) })),
    ...(config.enrich ?? []).map((c) => ({ name: c, type: String(columns.find((x) => x.name === c)?.type ?? '') })),
  ];
  return (
    <OutputSection
      idPrefix={`db-${nodeId}`}
      candidates={candidates}
      output={config.output}
      onChange={(output) => onChange({ ...config, output })}
      problems={problemsUnder('output')}
    />
  );
}
