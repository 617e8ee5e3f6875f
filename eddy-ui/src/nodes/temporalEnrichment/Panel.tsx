// Temporal enrichment: the events (port `events`) are matched to the versions of a changelog source
// (port `versions`) by equal properties, and get the chosen properties of the version valid at their
// time. Match, properties to add and output are the database enrichment's, over the versions input.
import type { PanelInput, PanelProps } from '../shared/panel';
import { EnrichOutputSection, EnrichSection, MatchSection } from '../shared/enrichment';
import type { TemporalEnrichmentConfig } from './types';

const on = (inputs: PanelInput[], port: string) => inputs.find((i) => i.port === port)?.properties ?? [];

/** The match criteria: event property = property of the versions (their key among them). */
export function TemporalMatch({ config, onChange, inputs, nodeId, problemAt }: PanelProps<TemporalEnrichmentConfig>) {
  return (
    <MatchSection
      idPrefix={`temporal-${nodeId}`}
      description="An event gets the version whose key equals its property; match the versions' key."
      events={on(inputs, 'events')}
      columns={on(inputs, 'versions')}
      columnLabel="equals versions property"
      match={config.match ?? []}
      onChange={(match) => onChange({ ...config, match })}
      problemAt={problemAt}
    />
  );
}

/** The properties of the versions added to each event. */
export function TemporalColumns({
  config,
  onChange,
  inputs,
  nodeId,
  problemsUnder,
}: PanelProps<TemporalEnrichmentConfig>) {
  return (
    <EnrichSection
      idPrefix={`temporal-${nodeId}`}
      title="Properties to add"
      legend="Add these properties of the version valid at each event's time"
      columns={on(inputs, 'versions')}
      enrich={config.enrich ?? []}
      onChange={(enrich) => onChange({ ...config, enrich })}
      problems={problemsUnder('enrich')}
    />
  );
}

/** The output properties: the events' and the added ones. */
export function TemporalOutput({
  config,
  onChange,
  inputs,
  nodeId,
  problemsUnder,
}: PanelProps<TemporalEnrichmentConfig>) {
  return (
    <EnrichOutputSection
      idPrefix={`temporal-${nodeId}`}
      events={on(inputs, 'events')}
      columns={on(inputs, 'versions')}
      enrich={config.enrich ?? []}
      output={config.output}
      onChange={(output) => onChange({ ...config, output })}
      problems={problemsUnder('output')}
    />
  );
}
