// Event source: Kafka cluster, credentials, topic, event structure, event time and its delay.
import { useMemo, useState } from 'react';
import { Button, Checkbox, InlineLoading, RadioButton, RadioButtonGroup, TextArea } from '@carbon/react';
import { TextInput } from '../../common/inputs';
import { Download } from '@carbon/icons-react';
import * as api from '../../api';
import type { PanelProps } from '../shared/panel';
import { present, Problems, PropertySelect, Section } from '../shared/fields';
import type { SourceConfig } from './types';
import { fromAvro, fromSample } from './structure';
import { StructureTree } from './StructureTree';
import { rederive } from './tree';

type StructureMode = 'sample' | 'avro';

/** A message as indented JSON when it is JSON, else as it is. */
const pretty = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

/** The structure editor: a sample message or Avro schema → a tree of properties to select and type. */
export function StructureSection({ config, onChange, nodeId, problemAt, problemsUnder }: PanelProps<SourceConfig>) {
  const id = `source-${nodeId}`;
  const [chosenMode, setMode] = useState<StructureMode>(config.avroSchema && !config.sample ? 'avro' : 'sample');
  // Avro messages are read with their record schema: the structure can only come from it
  const avroMessages = config.format === 'avro';
  const mode: StructureMode = avroMessages ? 'avro' : chosenMode;
  const [fetching, setFetching] = useState(false);
  const [fetchError, setFetchError] = useState<string | null>(null);
  // a document may hold the schema as a JSON object rather than as text
  const schemaText =
    config.avroSchema && typeof config.avroSchema === 'object'
      ? JSON.stringify(config.avroSchema, null, 2)
      : config.avroSchema;
  const text = (mode === 'sample' ? config.sample : schemaText) ?? '';
  const derived = useMemo(() => (mode === 'sample' ? fromSample(text) : fromAvro(text)), [mode, text]);
  const selected = config.properties ?? [];

  const setText = (value: string) => {
    const d = mode === 'sample' ? fromSample(value) : fromAvro(value);
    // what was chosen stays chosen and what was left out stays out; what is new is chosen
    const properties = d.error ? config.properties : rederive(selected, derived.properties, d.properties);
    onChange(
      mode === 'sample'
        ? { ...config, sample: value || undefined, avroSchema: undefined, properties }
        : { ...config, avroSchema: value || undefined, sample: undefined, properties },
    );
  };

  const takeRecent = async () => {
    const servers = (config.kafka?.bootstrapServers ?? []).map((s) => s.trim()).filter(Boolean);
    if (!servers.length || !config.kafka?.topic) {
      setFetchError('Choose the cluster and the topic first.');
      return;
    }
    setFetching(true);
    setFetchError(null);
    try {
      const message = await api.sampleMessage({
        bootstrapServers: servers,
        security: config.kafka.security,
        topic: config.kafka.topic,
      });
      setMode('sample');
      const d = fromSample(message);
      onChange({
        ...config,
        sample: pretty(message),
        avroSchema: undefined,
        properties: d.error ? config.properties : d.properties,
      });
    } catch (e) {
      setFetchError((e as Error).message);
    } finally {
      setFetching(false);
    }
  };

  return (
    <Section
      title="Event structure"
      description="Paste a sample message or an Avro schema, then choose the properties and their types."
    >
      {avroMessages ? (
        <p className="eddy-hint">The messages are Avro: their properties come from the record schema.</p>
      ) : (
        <RadioButtonGroup
          legendText="Define the structure from"
          name={`${id}-structure`}
          valueSelected={mode}
          onChange={(v) => setMode(v as StructureMode)}
        >
          <RadioButton id={`${id}-structure-sample`} value="sample" labelText="Sample JSON message" />
          <RadioButton id={`${id}-structure-avro`} value="avro" labelText="Avro schema" />
        </RadioButtonGroup>
      )}
      <TextArea
        id={`${id}-${mode}`}
        labelText={mode === 'sample' ? 'Sample message' : 'Avro schema'}
        rows={5}
        className="eddy-mono"
        placeholder={
          mode === 'sample'
            ? '{"id": "a1", "price": 9.5, "ordertime": "2024-01-01 10:00:00.000"}'
            : '{"type": "record", "name": "Order", "fields": [...]}'
        }
        value={text}
        invalid={!!derived.error || !!problemAt(mode === 'sample' ? 'sample' : 'avroSchema')}
        invalidText={derived.error ?? problemAt(mode === 'sample' ? 'sample' : 'avroSchema')}
        onChange={(e) => setText(e.target.value)}
      />
      {!avroMessages && (
        <div className="eddy-row">
          <Button kind="ghost" size="sm" renderIcon={Download} onClick={() => void takeRecent()} disabled={fetching}>
            Use a recent message from the topic
          </Button>
          {fetching && <InlineLoading description="Reading…" />}
        </div>
      )}
      {fetchError && (
        <p className="eddy-error-text" role="alert">
          {fetchError}
        </p>
      )}
      <Problems messages={problemsUnder('properties')} />
      <StructureTree
        idPrefix={id}
        derived={derived.properties}
        chosen={selected}
        onChange={(properties) => onChange({ ...config, properties })}
      />
    </Section>
  );
}

/** Event time: a timestamp property of the event (from the structure above) or the Kafka timestamp. */
export function EventTimeSection({ config, onChange, nodeId, problemAt }: PanelProps<SourceConfig>) {
  const id = `source-${nodeId}`;
  const kafkaTime = config.eventTime?.kafkaTimestamp !== undefined;
  const timestamps = [
    ...(config.properties ?? []).filter((p) => p.type === 'TIMESTAMP' || p.type === 'TIMESTAMP_LTZ'),
    // a Kafka metadata property holding the message timestamp can be the event time too
    ...(config.metadata ?? [])
      .filter((m) => m.from === 'timestamp' && m.name?.trim())
      .map((m) => ({ name: m.name!.trim(), type: 'TIMESTAMP_LTZ' })),
  ];
  return (
    <Section
      title="Event time"
      description="When each event happened: a timestamp property of the event, or the time Kafka received the message."
    >
      <RadioButtonGroup
        legendText="Event time from"
        name={`${id}-eventtime`}
        orientation="vertical"
        valueSelected={kafkaTime ? 'kafka' : 'property'}
        onChange={(v) =>
          onChange({
            ...config,
            eventTime: v === 'kafka' ? { kafkaTimestamp: 'kafkaTimestamp' } : { property: timestamps[0]?.name },
          })
        }
      >
        <RadioButton id={`${id}-eventtime-property`} value="property" labelText="A timestamp property of the event" />
        <RadioButton id={`${id}-eventtime-kafka`} value="kafka" labelText="The Kafka message timestamp" />
      </RadioButtonGroup>
      <Problems messages={present(problemAt('eventTime'))} />
      {kafkaTime ? (
        <TextInput
          id={`${id}-kafka-timestamp`}
          labelText="Name of the new property holding the message timestamp"
          size="sm"
          value={config.eventTime?.kafkaTimestamp ?? ''}
          invalid={!!problemAt('eventTime.kafkaTimestamp')}
          invalidText={problemAt('eventTime.kafkaTimestamp')}
          onChange={(e) => onChange({ ...config, eventTime: { kafkaTimestamp: e.target.value } })}
        />
      ) : (
        <PropertySelect
          id={`${id}-eventtime-select`}
          label="Event time property"
          value={config.eventTime?.property}
          options={timestamps}
          placeholder={timestamps.length ? 'Choose a timestamp property' : 'No TIMESTAMP property: set a type above'}
          invalid={problemAt('eventTime.property')}
          onChange={(v) => onChange({ ...config, eventTime: v ? { property: v } : undefined })}
        />
      )}
    </Section>
  );
}

/**
 * Changelog: the topic read as a versioned table (for a temporal enrichment's versions port), keyed
 * by one STRING property that the message key holds.
 */
export function ChangelogSection({ config, onChange, nodeId, problemAt }: PanelProps<SourceConfig>) {
  const id = `source-${nodeId}`;
  const changelog = config.changelog;
  const texts = (config.properties ?? []).filter((p) => p.type === 'STRING');
  return (
    <Section
      title="Changelog"
      description="A compacted topic whose messages are the newest version of their key (a message without a value deletes the key): read it as a versioned table for the versions port of a temporal enrichment."
    >
      <Checkbox
        id={`${id}-changelog`}
        labelText="Read the topic as a changelog"
        checked={changelog !== undefined}
        onChange={(_, { checked }) => onChange({ ...config, changelog: checked ? { key: [] } : undefined })}
      />
      <Problems messages={present(problemAt('changelog'))} />
      {changelog !== undefined && (
        <PropertySelect
          id={`${id}-changelog-key`}
          label="Key (the message key, read as text)"
          value={changelog.key?.[0]}
          options={texts}
          placeholder={texts.length ? 'Choose a STRING property' : 'No STRING property: set a type above'}
          invalid={problemAt('changelog.key')}
          onChange={(v) => onChange({ ...config, changelog: { key: v ? [v] : [] } })}
        />
      )}
    </Section>
  );
}
