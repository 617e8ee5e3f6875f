// node type → its configuration panel. Adding a node type: a folder with Panel.tsx and types.ts, an
// entry in catalog.ts, and a line here.
import type { ComponentType } from 'react';
import type { ConfigByType, NodeTypeName } from './model';
import type { PanelProps } from './shared/panel';
import { SourcePanel } from './source/Panel';
import { DestinationPanel } from './destination/Panel';
import { FilterPanel } from './filter/Panel';
import { TransformPanel } from './transform/Panel';
import { AggregatePanel } from './aggregate/Panel';
import { TopNPanel } from './topN/Panel';
import { IntervalJoinPanel } from './intervalJoin/Panel';
import { DatabaseEnrichmentPanel } from './databaseEnrichment/Panel';

export const PANELS: { [T in NodeTypeName]: ComponentType<PanelProps<ConfigByType[T]>> } = {
  source: SourcePanel,
  destination: DestinationPanel,
  filter: FilterPanel,
  transform: TransformPanel,
  aggregate: AggregatePanel,
  topN: TopNPanel,
  intervalJoin: IntervalJoinPanel,
  databaseEnrichment: DatabaseEnrichmentPanel,
};
