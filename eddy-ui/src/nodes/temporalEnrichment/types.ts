import type { OutputConfig } from '../../types';

/** config of a `temporalEnrichment` node (SPEC §2c); its inputs are on ports `events` and `versions`. */
export interface TemporalEnrichmentConfig {
  match?: { property?: string; column?: string }[];
  enrich?: string[];
  output?: OutputConfig;
}
