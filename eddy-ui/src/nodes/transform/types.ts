import type { OutputConfig } from '../../types';

export interface NewProperty {
  name: string;
  expression: string;
}

/** config of a `transform` node (SPEC §2). */
export interface TransformConfig {
  properties?: NewProperty[];
  output?: OutputConfig;
}
