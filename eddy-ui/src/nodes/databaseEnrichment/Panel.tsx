// Database enrichment: JDBC connection, table (with a column preview), match criteria, columns to add.
import { useState } from 'react';
import { Button, InlineLoading, PasswordInput, Select, SelectItem, TextInput } from '@carbon/react';
import { DataBase } from '@carbon/icons-react';
import * as api from '../../api';
import type { PanelProps } from '../shared/panel';
import { NameChecklist, OutputSection, PropertySelect, RowList, Section } from '../shared/fields';
import type { DatabaseEnrichmentConfig } from './types';

export function DatabaseEnrichmentPanel({ config, onChange, inputs, nodeId }: PanelProps<DatabaseEnrichmentConfig>) {
  const id = `db-${nodeId}`;
  const input = inputs[0]?.properties ?? [];
  const jdbc = config.jdbc ?? {};
  const [tables, setTables] = useState<api.DbTable[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const columns = config.columns ?? [];
  const enrich = config.enrich ?? [];

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
  const candidates = [
    ...input.map((p) => ({ name: p.name, type: String(p.type) })),
    ...enrich.map((c) => ({ name: c, type: String(columns.find((x) => x.name === c)?.type ?? '') })),
  ];

  return (
    <>
      <Section title="Database" description="A PostgreSQL database, read when each event is processed.">
        <TextInput
          id={`${id}-url`}
          labelText="JDBC URL"
          size="sm"
          placeholder="jdbc:postgresql://localhost:5432/shop"
          value={jdbc.url ?? ''}
          onChange={(e) => onChange({ ...config, jdbc: { ...jdbc, url: e.target.value } })}
        />
        <TextInput
          id={`${id}-username`}
          labelText="Username"
          size="sm"
          value={jdbc.username ?? ''}
          onChange={(e) => onChange({ ...config, jdbc: { ...jdbc, username: e.target.value } })}
        />
        <PasswordInput
          id={`${id}-password`}
          labelText="Password"
          size="sm"
          autoComplete="new-password"
          value={jdbc.password ?? ''}
          onChange={(e) => onChange({ ...config, jdbc: { ...jdbc, password: e.target.value } })}
        />
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
      </Section>
      <Section title="Table">
        <Select
          id={`${id}-table`}
          labelText="Table"
          size="sm"
          value={config.table ?? ''}
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
                  <td>{c.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Match" description="An event matches the rows whose columns equal its properties.">
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
                onChange={(property) => update({ ...m, property })}
              />
              <PropertySelect
                id={`${id}-match-column-${i}`}
                label={`equals column ${i + 1}`}
                value={m.column}
                options={columns}
                placeholder="Choose a column"
                onChange={(column) => update({ ...m, column })}
              />
            </>
          )}
        />
      </Section>
      <Section title="Columns to add">
        <NameChecklist
          idPrefix={`${id}-enrich`}
          legend="Add these columns to each event"
          names={columns.map((c) => c.name)}
          checked={enrich}
          onChange={(e) => onChange({ ...config, enrich: e })}
        />
      </Section>
      <OutputSection
        idPrefix={id}
        candidates={candidates}
        output={config.output}
        onChange={(output) => onChange({ ...config, output })}
      />
    </>
  );
}
