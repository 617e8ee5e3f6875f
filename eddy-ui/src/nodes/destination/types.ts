import type { KafkaSettings } from '../source/types';

/** config of a `destination` node (SPEC §2). */
export interface DestinationConfig {
  kafka?: KafkaSettings;
}
