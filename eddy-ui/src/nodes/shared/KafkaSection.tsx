// Kafka cluster, access credentials and topic selection: shared by event sources and destinations.
import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  InlineLoading,
  PasswordInput,
  RadioButton,
  RadioButtonGroup,
  Search,
  TextArea,
  TextInput,
} from '@carbon/react';
import { Renew } from '@carbon/icons-react';
import * as api from '../../api';
import type { KafkaSecurity, KafkaSettings, SaslMechanism } from '../source/types';
import { RowList, Section } from './fields';

type Access = 'none' | 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'TLS';

const ACCESS_LABEL: Record<Access, string> = {
  none: 'None',
  PLAIN: 'SASL PLAIN',
  'SCRAM-SHA-256': 'SASL SCRAM-SHA-256',
  'SCRAM-SHA-512': 'SASL SCRAM-SHA-512',
  TLS: 'TLS certificate only',
};

function accessOf(s?: KafkaSecurity): Access {
  if (!s || !s.protocol || s.protocol === 'PLAINTEXT') return 'none';
  if (s.protocol === 'SSL') return 'TLS';
  return (s.mechanism as Access) ?? 'PLAIN';
}

export function KafkaSection({
  idPrefix,
  kafka,
  onChange,
  topicHelp,
}: {
  idPrefix: string;
  kafka: KafkaSettings | undefined;
  onChange: (k: KafkaSettings) => void;
  topicHelp: string;
}) {
  const k = kafka ?? {};
  const servers = k.bootstrapServers?.length ? k.bootstrapServers : [''];
  const access = accessOf(k.security);
  const tls = k.security?.protocol === 'SASL_SSL' || k.security?.protocol === 'SSL';

  const setSecurity = (next: Access, useTls = tls) => {
    if (next === 'none') return onChange({ ...k, security: undefined });
    if (next === 'TLS')
      return onChange({ ...k, security: { protocol: 'SSL', truststorePem: k.security?.truststorePem } });
    onChange({
      ...k,
      security: {
        ...k.security,
        protocol: useTls ? 'SASL_SSL' : 'SASL_PLAINTEXT',
        mechanism: next as SaslMechanism,
      },
    });
  };

  return (
    <>
      <Section title="Kafka cluster" description="The bootstrap servers of the cluster (host:port).">
        <RowList
          items={servers}
          make={() => ''}
          addLabel="Add a server"
          removeLabel={(i) => `Remove server ${i + 1}`}
          onChange={(list) => onChange({ ...k, bootstrapServers: list })}
          render={(s, i, update) => (
            <TextInput
              id={`${idPrefix}-server-${i}`}
              labelText={`Bootstrap server ${i + 1}`}
              size="sm"
              placeholder="localhost:9092"
              value={s}
              onChange={(e) => update(e.target.value)}
            />
          )}
        />
      </Section>
      <Section title="Access credentials">
        <RadioButtonGroup
          legendText="Authentication"
          name={`${idPrefix}-access`}
          orientation="vertical"
          valueSelected={access}
          onChange={(v) => setSecurity(v as Access)}
        >
          {(Object.keys(ACCESS_LABEL) as Access[]).map((a) => (
            <RadioButton key={a} id={`${idPrefix}-access-${a}`} value={a} labelText={ACCESS_LABEL[a]} />
          ))}
        </RadioButtonGroup>
        {access !== 'none' && access !== 'TLS' && (
          <div className="eddy-stack">
            <TextInput
              id={`${idPrefix}-username`}
              labelText="Username"
              size="sm"
              value={k.security?.username ?? ''}
              onChange={(e) => onChange({ ...k, security: { ...k.security, username: e.target.value } })}
            />
            <PasswordInput
              id={`${idPrefix}-password`}
              labelText="Password"
              size="sm"
              autoComplete="new-password"
              value={k.security?.password ?? ''}
              onChange={(e) => onChange({ ...k, security: { ...k.security, password: e.target.value } })}
            />
            <Checkbox
              id={`${idPrefix}-tls`}
              labelText="Connect with TLS"
              checked={tls}
              onChange={(_, { checked }) => setSecurity(access, checked)}
            />
          </div>
        )}
        {tls && (
          <TextArea
            id={`${idPrefix}-truststore`}
            labelText="CA certificate (PEM), if the cluster's certificate is not publicly trusted"
            rows={3}
            value={k.security?.truststorePem ?? ''}
            onChange={(e) => onChange({ ...k, security: { ...k.security, truststorePem: e.target.value } })}
          />
        )}
      </Section>
      <TopicPicker idPrefix={idPrefix} kafka={k} onChange={onChange} help={topicHelp} />
    </>
  );
}

function TopicPicker({
  idPrefix,
  kafka,
  onChange,
  help,
}: {
  idPrefix: string;
  kafka: KafkaSettings;
  onChange: (k: KafkaSettings) => void;
  help: string;
}) {
  const [topics, setTopics] = useState<string[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const servers = (kafka.bootstrapServers ?? []).map((s) => s.trim()).filter(Boolean);
  const key = JSON.stringify([servers, kafka.security ?? null]);

  const load = async () => {
    if (!servers.length) return;
    setLoading(true);
    setError(null);
    try {
      setTopics((await api.listTopics({ bootstrapServers: servers, security: kafka.security })).sort());
    } catch (e) {
      setTopics(null);
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    const t = setTimeout(() => void load(), 400);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const shown = useMemo(
    () => (topics ?? []).filter((t) => t.toLowerCase().includes(query.toLowerCase())),
    [topics, query],
  );

  return (
    <Section title="Topic" description={help}>
      <div className="eddy-row eddy-row--end">
        <Search
          id={`${idPrefix}-topic-search`}
          labelText="Search topics"
          placeholder="Search topics"
          size="sm"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Button
          kind="ghost"
          size="sm"
          hasIconOnly
          renderIcon={Renew}
          iconDescription="Reload topics"
          onClick={() => void load()}
        />
      </div>
      {loading && <InlineLoading description="Reading the cluster's topics…" />}
      {error && (
        <p className="eddy-error-text" role="alert">
          {error}
        </p>
      )}
      {topics && (
        <ul className="eddy-topics" role="listbox" aria-label="Topics">
          {shown.length === 0 && <li className="eddy-hint">No topic matches.</li>}
          {shown.map((t) => (
            <li
              key={t}
              role="option"
              aria-selected={kafka.topic === t}
              tabIndex={0}
              className={kafka.topic === t ? 'eddy-topics__item eddy-topics__item--selected' : 'eddy-topics__item'}
              onClick={() => onChange({ ...kafka, topic: t })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onChange({ ...kafka, topic: t });
                }
              }}
            >
              {t}
            </li>
          ))}
        </ul>
      )}
      <TextInput
        id={`${idPrefix}-topic`}
        labelText="Topic name"
        size="sm"
        value={kafka.topic ?? ''}
        onChange={(e) => onChange({ ...kafka, topic: e.target.value })}
      />
    </Section>
  );
}
