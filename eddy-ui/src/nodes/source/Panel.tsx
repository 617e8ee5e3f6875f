// Event source: Kafka cluster, credentials, topic, event structure, event time and its delay.
import { useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  InlineLoading,
  RadioButton,
  RadioButtonGroup,
  Select,
  SelectItem,
  TextArea,
  TextInput,
} from '@carbon/react';
import { Download } from '@carbon/icons-react';
import * as api from '../../api';
import { PROPERTY_TYPES, type PropertyDef } from '../../types';
import type { PanelProps } from '../shared/panel';
import { messageAbout } from '../shared/panel';
import { DurationField, PropertySelect, Section } from '../shared/fields';
import { KafkaSection } from '../shared/KafkaSection';
import type { SourceConfig } from './types';
import { fromAvro, fromSample } from './structure';

type StructureMode = 'sample' | 'avro';

/** A message as indented JSON when it is JSON, else as it is. */
const pretty = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

export function SourcePanel({ config, onChange, report, nodeId }: PanelProps<SourceConfig>) {
  const id = `source-${nodeId}`;
  return (
    <>
      <KafkaSection
        idPrefix={id}
        kafka={config.kafka}
        onChange={(kafka) => onChange({ ...config, kafka })}
        topicHelp="The topic to read events from."
      />
      <StructureSection id={id} config={config} onChange={onChange} />
      <EventTimeSection id={id} config={config} onChange={onChange} report={report} />
    </>
  );
}

function StructureSection({
  id,
  config,
  onChange,
}: {
  id: string;
  config: SourceConfig;
  onChange: (c: SourceConfig) => void;
}) {
  const [mode, setMode] = useState<StructureMode>(config.avroSchema && !config.sample ? 'avro' : 'sample');
  const [fetching, setFetching] = useState(false);
  const [fetchError, setFetchError] = useState<string | null>(null);
  const text = (mode === 'sample' ? config.sample : config.avroSchema) ?? '';
  const derived = useMemo(() => (mode === 'sample' ? fromSample(text) : fromAvro(text)), [mode, text]);
  const selected = config.properties ?? [];

  // every property of the sample or schema, and any chosen one that is no longer in it
  const rows: PropertyDef[] = [
    ...derived.properties.map((p) => selected.find((s) => s.name === p.name) ?? p),
    ...selected.filter((s) => !derived.properties.some((p) => p.name === s.name)),
  ];

  const setText = (value: string) => {
    const d = mode === 'sample' ? fromSample(value) : fromAvro(value);
    // a new structure selects all its properties, keeping the types already chosen
    const properties = d.error
      ? config.properties
      : d.properties.map((p) => selected.find((s) => s.name === p.name) ?? p);
    onChange(
      mode === 'sample'
        ? { ...config, sample: value || undefined, avroSchema: undefined, properties }
        : { ...config, avroSchema: value || undefined, sample: undefined, properties },
    );
  };

  const toggle = (p: PropertyDef, on: boolean) => {
    const next = on
      ? rows.filter((r) => r.name === p.name || selected.some((s) => s.name === r.name))
      : selected.filter((s) => s.name !== p.name);
    onChange({ ...config, properties: next });
  };

  const retype = (p: PropertyDef, type: string) => {
    onChange({
      ...config,
      properties: rows
        .filter((r) => r.name === p.name || selected.some((s) => s.name === r.name))
        .map((r) => (r.name === p.name ? { ...r, type } : r)),
    });
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
      <RadioButtonGroup
        legendText="Define the structure from"
        name={`${id}-structure`}
        valueSelected={mode}
        onChange={(v) => setMode(v as StructureMode)}
      >
        <RadioButton id={`${id}-structure-sample`} value="sample" labelText="Sample JSON message" />
        <RadioButton id={`${id}-structure-avro`} value="avro" labelText="Avro schema" />
      </RadioButtonGroup>
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
        invalid={!!derived.error}
        invalidText={derived.error}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="eddy-row">
        <Button kind="ghost" size="sm" renderIcon={Download} onClick={() => void takeRecent()} disabled={fetching}>
          Use a recent message from the topic
        </Button>
        {fetching && <InlineLoading description="Reading…" />}
      </div>
      {fetchError && (
        <p className="eddy-error-text" role="alert">
          {fetchError}
        </p>
      )}
      {rows.length > 0 && (
        <table className="eddy-table" aria-label="Event properties">
          <thead>
            <tr>
              <th scope="col">Use</th>
              <th scope="col">Property</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const on = selected.some((s) => s.name === p.name);
              return (
                <tr key={p.name}>
                  <td>
                    <Checkbox
                      id={`${id}-use-${p.name}`}
                      labelText={`Use ${p.name}`}
                      hideLabel
                      checked={on}
                      onChange={(_, { checked }) => toggle(p, checked)}
                    />
                  </td>
                  <td>{p.name}</td>
                  <td>
                    <Select
                      id={`${id}-type-${p.name}`}
                      labelText={`Type of ${p.name}`}
                      hideLabel
                      size="sm"
                      value={p.type}
                      disabled={!on}
                      onChange={(e) => retype(p, e.target.value)}
                    >
                      {PROPERTY_TYPES.map((t) => (
                        <SelectItem key={t} value={t} text={t} />
                      ))}
                    </Select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function EventTimeSection({
  id,
  config,
  onChange,
  report,
}: {
  id: string;
  config: SourceConfig;
  onChange: (c: SourceConfig) => void;
  report: PanelProps<SourceConfig>['report'];
}) {
  const kafkaTime = config.eventTime?.kafkaTimestamp !== undefined;
  const timestamps = (config.properties ?? []).filter((p) => p.type === 'TIMESTAMP' || p.type === 'TIMESTAMP_LTZ');
  const delayOn = config.eventTimeDelay !== undefined;
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
      {kafkaTime ? (
        <TextInput
          id={`${id}-kafka-timestamp`}
          labelText="Name of the new property holding the message timestamp"
          size="sm"
          value={config.eventTime?.kafkaTimestamp ?? ''}
          invalid={!!messageAbout(report, 'kafka timestamp')}
          invalidText={messageAbout(report, 'kafka timestamp')}
          onChange={(e) => onChange({ ...config, eventTime: { kafkaTimestamp: e.target.value } })}
        />
      ) : (
        <PropertySelect
          id={`${id}-eventtime-select`}
          label="Event time property"
          value={config.eventTime?.property}
          options={timestamps}
          placeholder={timestamps.length ? 'Choose a timestamp property' : 'No TIMESTAMP property: set a type above'}
          invalid={messageAbout(report, 'event time property')}
          onChange={(v) => onChange({ ...config, eventTime: v ? { property: v } : undefined })}
        />
      )}
      <Checkbox
        id={`${id}-delay-on`}
        labelText="Events may arrive late (out of order)"
        checked={delayOn}
        onChange={(_, { checked }) =>
          onChange({ ...config, eventTimeDelay: checked ? { value: 5, unit: 'SECOND' } : undefined })
        }
      />
      {delayOn && (
        <DurationField
          id={`${id}-delay`}
          label="Event time delay (how late an event may be)"
          value={config.eventTimeDelay}
          onChange={(d) => onChange({ ...config, eventTimeDelay: d })}
          invalid={messageAbout(report, 'delay')}
        />
      )}
    </Section>
  );
}
