import type { OutputConfig, PropertyDef } from '../../types';

/** config of a `databaseEnrichment` node (SPEC §2). */
export interface DatabaseEnrichmentConfig {
  jdbc?: { url?: string; username?: string; password?: string };
  table?: string;
  columns?: PropertyDef[];
  match?: { property?: string; column?: string }[];
  enrich?: string[];
  output?: OutputConfig;
}
