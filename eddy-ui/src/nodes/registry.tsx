// The hand-written parts of configuration panels, for what the generic form (shared/FieldForm.tsx)
// cannot express well: editors with assistants (expressions, topics, tables), property tables and the
// source's structure editor. Every other field is rendered from its declaration in the server's
// registry, and a node type with no entry here is configured by the generic form alone.
import type { ComponentType } from 'react';
import type { NodeConfig } from './model';
import type { PanelProps } from './shared/panel';
import { WindowPart } from './shared/WindowSection';
import { TopicAssistant } from './shared/TopicAssistant';
import { ChangelogSection, EventTimeSection, StructureSection } from './source/Panel';
import { FilterExpression } from './filter/Panel';
import { NewProperties, TransformOutput } from './transform/Panel';
import { AggregateFunctions, AggregateGroupBy, AggregateOutput } from './aggregate/Panel';
import { TopNGroupBy, TopNOutput, TopNRanking } from './topN/Panel';
import { JoinCondition, JoinOutput, JoinWindow } from './intervalJoin/Panel';
import { DatabaseColumns, DatabaseMatch, DatabaseOutput, DatabaseTable } from './databaseEnrichment/Panel';
import { UnpackArrayChoice } from './unpackArray/Panel';
import { DeduplicateKey, DeduplicateWindow } from './deduplicate/Panel';
import { WindowJoinSides, WindowJoinWindow } from './windowJoin/Panel';
import { CombineInputs } from './combine/Panel';
import { SqlStatement } from './sql/Panel';
import { PatternMeasures, PatternNotFollowedBy, PatternPartition, PatternSteps } from './detectPattern/Panel';
import { TemporalColumns, TemporalMatch, TemporalOutput } from './temporalEnrichment/Panel';

export interface PanelPart {
  /** the top-level config fields it edits; it is shown where the first of them is declared */
  fields: string[];
  /**
   * the declared paths (`properties[].name`) whose problems it shows at their widgets; `x*` stands
   * for `x` and every path under it
   */
  shows: string[];
  Editor: ComponentType<PanelProps<NodeConfig>>;
}

function part<C>(fields: string[], shows: string[], Editor: ComponentType<PanelProps<C>>): PanelPart {
  return { fields, shows, Editor: Editor as unknown as ComponentType<PanelProps<NodeConfig>> };
}

const window = part(['window'], ['window*'], WindowPart);
const output = <C,>(Editor: ComponentType<PanelProps<C>>) => part(['output'], ['output*'], Editor);

/** node type → the hand-written parts of its panel */
export const PANEL_PARTS: Record<string, PanelPart[]> = {
  source: [
    part(['sample', 'avroSchema', 'properties'], ['sample', 'avroSchema', 'properties*'], StructureSection),
    part(['eventTime'], ['eventTime*'], EventTimeSection),
    part(['changelog'], ['changelog*'], ChangelogSection),
  ],
  filter: [part(['expression'], ['expression'], FilterExpression)],
  transform: [part(['properties'], ['properties*'], NewProperties), output(TransformOutput)],
  aggregate: [
    window,
    part(['aggregates'], ['aggregates*'], AggregateFunctions),
    part(['groupBy'], ['groupBy*'], AggregateGroupBy),
    output(AggregateOutput),
  ],
  topN: [
    window,
    part(['orderBy'], ['orderBy*'], TopNRanking),
    part(['groupBy'], ['groupBy*'], TopNGroupBy),
    output(TopNOutput),
  ],
  deduplicate: [part(['key'], ['key*'], DeduplicateKey), part(['window'], ['window*'], DeduplicateWindow)],
  detectPattern: [
    part(['partitionBy'], ['partitionBy*'], PatternPartition),
    part(['steps'], ['steps*'], PatternSteps),
    part(['notFollowedBy'], ['notFollowedBy*'], PatternNotFollowedBy),
    part(['measures'], ['measures*'], PatternMeasures),
  ],
  intervalJoin: [
    part(['condition'], ['condition'], JoinCondition),
    part(['window'], ['window*'], JoinWindow),
    output(JoinOutput),
  ],
  windowJoin: [
    part(['condition'], ['condition'], JoinCondition),
    part(['window'], ['window*'], WindowJoinWindow),
    part(['left', 'right'], ['left*', 'right*'], WindowJoinSides),
    output(JoinOutput),
  ],
  databaseEnrichment: [
    part(['table', 'columns'], ['table', 'columns*'], DatabaseTable),
    part(['match'], ['match*'], DatabaseMatch),
    part(['enrich'], ['enrich*'], DatabaseColumns),
    output(DatabaseOutput),
  ],
  temporalEnrichment: [
    part(['match'], ['match*'], TemporalMatch),
    part(['enrich'], ['enrich*'], TemporalColumns),
    output(TemporalOutput),
  ],
  unpackArray: [part(['array'], ['array'], UnpackArrayChoice)],
  combine: [part(['inputs'], ['inputs*'], CombineInputs)],
  sql: [part(['statement'], ['statement'], SqlStatement)],
};

/**
 * Assistants: shown under the generic form's widget of a field (by its declared path, whatever the
 * node type), they help fill it in without replacing it.
 */
export const ASSISTANTS: Record<string, ComponentType<PanelProps<NodeConfig>>> = {
  'kafka.topic': TopicAssistant as unknown as ComponentType<PanelProps<NodeConfig>>,
};

/** Whether a declared path matches one of a part's `shows`. */
export const partShows = (p: PanelPart, declared: string) =>
  p.shows.some((s) =>
    s.endsWith('*')
      ? declared === s.slice(0, -1) ||
        declared.startsWith(`${s.slice(0, -1)}.`) ||
        declared.startsWith(`${s.slice(0, -1)}[`)
      : declared === s,
  );
