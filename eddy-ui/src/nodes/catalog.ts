// What every node type is, independent of its panel: label, palette group, ports, default config.
// It mirrors the server's node-type registry (GET /api/node-types); the panels are in registry.tsx.
import { defaultSourceConfig } from './source/types';
import { defaultDestinationConfig } from './destination/types';
import { defaultFilterConfig } from './filter/types';
import { defaultTransformConfig } from './transform/types';
import { defaultAggregateConfig } from './aggregate/types';
import { defaultTopNConfig } from './topN/types';
import { defaultIntervalJoinConfig } from './intervalJoin/types';
import { defaultDatabaseEnrichmentConfig } from './databaseEnrichment/types';
import type { ConfigByType, NodeTypeName } from './model';

export interface NodeTypeEntry<T extends NodeTypeName> {
  type: T;
  label: string;
  group: 'Events' | 'Processors' | 'Windowed' | 'Joins' | 'Enrichment';
  description: string;
  /** input ports: none for a source, `in` for most, `left`/`right` for the interval join */
  inputs: string[];
  /** false for the event destination: nothing can follow it */
  output: boolean;
  defaultConfig: () => ConfigByType[T];
}

type Catalog = { [T in NodeTypeName]: NodeTypeEntry<T> };

export const CATALOG: Catalog = {
  source: {
    type: 'source',
    label: 'Event source',
    group: 'Events',
    description: 'Reads the events of one Kafka topic, ordered by event time.',
    inputs: [],
    output: true,
    defaultConfig: defaultSourceConfig,
  },
  destination: {
    type: 'destination',
    label: 'Event destination',
    group: 'Events',
    description: 'Writes every event it receives to a Kafka topic as a JSON object.',
    inputs: ['in'],
    output: false,
    defaultConfig: defaultDestinationConfig,
  },
  filter: {
    type: 'filter',
    label: 'Filter',
    group: 'Processors',
    description: 'Keeps the events for which an expression is true.',
    inputs: ['in'],
    output: true,
    defaultConfig: defaultFilterConfig,
  },
  transform: {
    type: 'transform',
    label: 'Transform',
    group: 'Processors',
    description: 'Computes new properties, removes and renames properties.',
    inputs: ['in'],
    output: true,
    defaultConfig: defaultTransformConfig,
  },
  aggregate: {
    type: 'aggregate',
    label: 'Aggregate',
    group: 'Windowed',
    description: 'Counts, sums, averages per time window and group.',
    inputs: ['in'],
    output: true,
    defaultConfig: defaultAggregateConfig,
  },
  topN: {
    type: 'topN',
    label: 'Top-n',
    group: 'Windowed',
    description: 'Keeps the first n events per time window and group, by a ranking.',
    inputs: ['in'],
    output: true,
    defaultConfig: defaultTopNConfig,
  },
  intervalJoin: {
    type: 'intervalJoin',
    label: 'Interval join',
    group: 'Joins',
    description: 'Joins events of two inputs that happen within a time interval of each other.',
    inputs: ['left', 'right'],
    output: true,
    defaultConfig: defaultIntervalJoinConfig,
  },
  databaseEnrichment: {
    type: 'databaseEnrichment',
    label: 'Database',
    group: 'Enrichment',
    description: 'Adds columns of a PostgreSQL table to each event, looked up by its properties.',
    inputs: ['in'],
    output: true,
    defaultConfig: defaultDatabaseEnrichmentConfig,
  },
};

export const PALETTE_GROUPS: { group: string; types: NodeTypeName[] }[] = [
  { group: 'Events', types: ['source', 'destination'] },
  { group: 'Processors', types: ['filter', 'transform'] },
  { group: 'Windowed', types: ['aggregate', 'topN'] },
  { group: 'Joins', types: ['intervalJoin'] },
  { group: 'Enrichment', types: ['databaseEnrichment'] },
];

export const entryOf = (type: string) => (CATALOG as Record<string, NodeTypeEntry<NodeTypeName>>)[type];
