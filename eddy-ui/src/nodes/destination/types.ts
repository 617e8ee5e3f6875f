import type { KafkaSettings } from '../source/types';
import { defaultBootstrapServers } from '../../environment';

/** config of a `destination` node (SPEC §2). */
export interface DestinationConfig {
  kafka?: KafkaSettings;
}

/** A new destination starts on the server's Kafka (GET /api/environment), else localhost:9092. */
export const defaultDestinationConfig = (): DestinationConfig => ({
  kafka: { bootstrapServers: defaultBootstrapServers() },
});
