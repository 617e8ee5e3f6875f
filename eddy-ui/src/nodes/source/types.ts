import type { Duration, PropertyDef } from '../../types';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
export type SaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export interface KafkaSecurity {
  protocol?: SecurityProtocol;
  mechanism?: SaslMechanism;
  username?: string;
  password?: string;
  truststorePem?: string;
}

export interface KafkaSettings {
  bootstrapServers?: string[];
  topic?: string;
  security?: KafkaSecurity;
}

export interface EventTime {
  property?: string;
  kafkaTimestamp?: string;
}

/** A Kafka metadata property of a source (SPEC §2b). */
export interface MetadataEntry {
  name?: string;
  from?: 'key' | 'header' | 'partition' | 'offset' | 'timestamp';
  header?: string;
}

/** config of a `source` node (SPEC §2). */
export interface SourceConfig {
  kafka?: KafkaSettings;
  format?: 'json' | 'avro';
  sample?: string;
  /** text, or the schema as a JSON object in a hand-written document */
  avroSchema?: string | object;
  properties?: PropertyDef[];
  metadata?: MetadataEntry[];
  eventTime?: EventTime;
  eventTimeDelay?: Duration;
  /** the topic is a changelog keyed by one STRING property, the message key (SPEC §2c) */
  changelog?: { key?: string[] };
}
