// What the enrichment panels (database, temporal) share: match criteria (event property = column of
// the rows the events are enriched from), the columns to add, and the output table of both.
import type { OutputConfig, TypeDef } from '../../types';
import { NameChecklist, OutputSection, present, Problems, PropertySelect, RowList, Section } from './fields';

type Column = { name: string } & Partial<TypeDef>;
export interface MatchCriterion {
  property?: string;
  column?: string;
}

/** The match criteria: event property = column, one row each. */
export function MatchSection({
  idPrefix,
  description,
  events,
  columns,
  columnLabel,
  match,
  onChange,
  problemAt,
}: {
  idPrefix: string;
  description: string;
  events: Column[];
  columns: Column[];
  /** e.g. `equals column`; the row number is added */
  columnLabel: string;
  match: MatchCriterion[];
  onChange: (match: MatchCriterion[]) => void;
  problemAt: (path: string) => string | undefined;
}) {
  return (
    <Section title="Match" description={description}>
      <Problems messages={present(problemAt('match'))} />
      <RowList
        items={match}
        make={(): MatchCriterion => ({})}
        addLabel="Add a match criterion"
        removeLabel={(i) => `Remove match ${i + 1}`}
        onChange={onChange}
        render={(m, i, update) => (
          <>
            <PropertySelect
              id={`${idPrefix}-match-property-${i}`}
              label={`Event property ${i + 1}`}
              value={m.property}
              options={events}
              invalid={problemAt(`match[${i}].property`) ?? problemAt(`match[${i}]`)}
              onChange={(property) => update({ ...m, property })}
            />
            <PropertySelect
              id={`${idPrefix}-match-column-${i}`}
              label={`${columnLabel} ${i + 1}`}
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

/** The columns added to each event, ticked from those there are. */
export function EnrichSection({
  idPrefix,
  title,
  legend,
  columns,
  enrich,
  onChange,
  problems,
}: {
  idPrefix: string;
  title: string;
  legend: string;
  columns: Column[];
  enrich: string[];
  onChange: (enrich: string[]) => void;
  problems: string[];
}) {
  return (
    <Section title={title}>
      <Problems messages={problems} />
      <NameChecklist
        idPrefix={`${idPrefix}-enrich`}
        legend={legend}
        names={columns.map((c) => c.name)}
        checked={enrich}
        onChange={onChange}
      />
    </Section>
  );
}

/** The output properties: the events' and the added columns. */
export function EnrichOutputSection({
  idPrefix,
  events,
  columns,
  enrich,
  output,
  onChange,
  problems,
}: {
  idPrefix: string;
  events: Column[];
  columns: Column[];
  enrich: string[];
  output?: OutputConfig;
  onChange: (output: OutputConfig) => void;
  problems: string[];
}) {
  const candidates = [
    ...events.map((p) => ({ name: p.name, type: String(p.type) })),
    ...enrich.map((c) => ({ name: c, type: String(columns.find((x) => x.name === c)?.type ?? '') })),
  ];
  return (
    <OutputSection
      idPrefix={idPrefix}
      candidates={candidates}
      output={output}
      onChange={onChange}
      problems={problems}
    />
  );
}
