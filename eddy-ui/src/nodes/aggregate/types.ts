import type { Duration, OutputConfig } from '../../types';

export interface WindowSettings {
  timeProperty?: string;
  size?: Duration;
  slide?: Duration;
}

export type AggregateFunction = 'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';
export const AGGREGATE_FUNCTIONS: AggregateFunction[] = ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX'];

export interface AggregateSpec {
  function: AggregateFunction;
  property?: string;
  as?: string;
}

/** config of an `aggregate` node (SPEC §2). */
export interface AggregateConfig {
  window?: WindowSettings;
  aggregates?: AggregateSpec[];
  groupBy?: string[];
  output?: OutputConfig;
}

/** The name an aggregate result gets: `as`, or `<FUNCTION>_<property>`. */
export const aggregateName = (a: AggregateSpec) =>
  a.as && a.as.trim() ? a.as.trim() : a.property ? `${a.function}_${a.property}` : a.function;
