// The topic list of a Kafka node: read from the cluster its config names (servers and security),
// searchable; choosing one sets `kafka.topic`. An assistant shown under the generic form's topic field
// of any node type whose config has `kafka` (event sources and destinations).
import { useEffect, useMemo, useState } from 'react';
import { Button, InlineLoading, Search } from '@carbon/react';
import { Renew } from '@carbon/icons-react';
import * as api from '../../api';
import type { KafkaSettings } from '../source/types';
import type { PanelProps } from './panel';

export function TopicAssistant({ config, onChange, nodeId }: PanelProps<{ kafka?: KafkaSettings }>) {
  return (
    <TopicPicker
      idPrefix={`topics-${nodeId}`}
      kafka={config.kafka ?? {}}
      onChange={(kafka) => onChange({ ...config, kafka })}
    />
  );
}

function TopicPicker({
  idPrefix,
  kafka,
  onChange,
}: {
  idPrefix: string;
  kafka: KafkaSettings;
  onChange: (k: KafkaSettings) => void;
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
    <div className="eddy-topic-assistant">
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
    </div>
  );
}
