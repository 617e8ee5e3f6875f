// Canvas nodes as a discriminated union on `type`: each node type has its own config type.
import type { Node } from '@xyflow/react';
import type { SourceConfig } from './source/types';
import type { DestinationConfig } from './destination/types';
import type { FilterConfig } from './filter/types';
import type { TransformConfig } from './transform/types';
import type { AggregateConfig } from './aggregate/types';
import type { TopNConfig } from './topN/types';
import type { IntervalJoinConfig } from './intervalJoin/types';
import type { DatabaseEnrichmentConfig } from './databaseEnrichment/types';

export interface ConfigByType {
  source: SourceConfig;
  destination: DestinationConfig;
  filter: FilterConfig;
  transform: TransformConfig;
  aggregate: AggregateConfig;
  topN: TopNConfig;
  intervalJoin: IntervalJoinConfig;
  databaseEnrichment: DatabaseEnrichmentConfig;
}

export type NodeTypeName = keyof ConfigByType;

export const NODE_TYPE_NAMES: NodeTypeName[] = [
  'source',
  'destination',
  'filter',
  'transform',
  'aggregate',
  'topN',
  'intervalJoin',
  'databaseEnrichment',
];

export const isNodeTypeName = (t: string): t is NodeTypeName => (NODE_TYPE_NAMES as string[]).includes(t);

/** What a canvas node carries: its name, its config, and document fields Eddy does not know. */
export type EddyNodeData<C> = {
  name: string;
  config: C;
  extra?: Record<string, unknown>;
};

export type EddyNodeOf<T extends NodeTypeName> = Node<EddyNodeData<ConfigByType[T]>, T>;

export type EddyNode = { [T in NodeTypeName]: EddyNodeOf<T> }[NodeTypeName];
