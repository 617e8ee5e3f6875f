import type { OutputConfig } from '../../types';
import type { WindowSettings } from '../aggregate/types';

/** config of a `topN` node (SPEC §2). */
export interface TopNConfig {
  window?: WindowSettings;
  limit?: number;
  orderBy?: { property?: string; direction?: 'ASC' | 'DESC' };
  groupBy?: string[];
  output?: OutputConfig;
}
