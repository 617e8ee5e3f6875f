// Event destination: the Kafka cluster, credentials and topic that every event is written to.
import type { PanelProps } from '../shared/panel';
import { KafkaSection } from '../shared/KafkaSection';
import type { DestinationConfig } from './types';

export function DestinationPanel({ config, onChange, nodeId }: PanelProps<DestinationConfig>) {
  return (
    <KafkaSection
      idPrefix={`destination-${nodeId}`}
      kafka={config.kafka}
      onChange={(kafka) => onChange({ ...config, kafka })}
      topicHelp="The topic every event is written to, as a JSON object."
    />
  );
}
