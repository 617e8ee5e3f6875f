import type { WindowSettings } from '../aggregate/types';

/** config of a `deduplicate` node (SPEC §2c); its window is a standard (tumbling) one, without `slide`. */
export interface DeduplicateConfig {
  key?: string[];
  window?: Omit<WindowSettings, 'slide'>;
  keep?: 'first' | 'last';
}
