// Database enrichment: the table (read from the database, with a column preview), match criteria and
// columns to add; the connection (JDBC URL, credentials) and the cache are plain fields of the generic form.
import { useState } from 'react';
import { Button, InlineLoading, Select, SelectItem } from '@carbon/react';
import { DataBase } from '@carbon/icons-react';
import * as api from '../../api';
import type { PanelProps } from '../shared/panel';
import { Problems, Section } from '../shared/fields';
import { EnrichOutputSection, EnrichSection, MatchSection } from '../shared/enrichment';
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
  return (
    <MatchSection
      idPrefix={`db-${nodeId}`}
      description="An event matches the rows whose columns equal its properties."
      events={inputs[0]?.properties ?? []}
      columns={config.columns ?? []}
      columnLabel="equals column"
      match={config.match ?? []}
      onChange={(match) => onChange({ ...config, match })}
      problemAt={problemAt}
    />
  );
}

/** The columns added to each event. */
export function DatabaseColumns({ config, onChange, nodeId, problemsUnder }: PanelProps<DatabaseEnrichmentConfig>) {
  return (
    <EnrichSection
      idPrefix={`db-${nodeId}`}
      title="Columns to add"
      legend="Add these columns to each event"
      columns={config.columns ?? []}
      enrich={config.enrich ?? []}
      onChange={(enrich) => onChange({ ...config, enrich })}
      problems={problemsUnder('enrich')}
    />
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
  return (
    <EnrichOutputSection
      idPrefix={`db-${nodeId}`}
      events={inputs[0]?.properties ?? []}
      columns={config.columns ?? []}
      enrich={config.enrich ?? []}
      output={config.output}
      onChange={(output) => onChange({ ...config, output })}
      problems={problemsUnder('output')}
    />
  );
}
