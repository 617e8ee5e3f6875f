// The server's environment (GET /api/environment), loaded once: the Kafka cluster new source and
// destination nodes start on, and the Flink cluster flows are deployed to.
import { useEffect, useState } from 'react';
import { getEnvironment } from './api';
import type { Environment } from './types';

export const FALLBACK_BOOTSTRAP = 'localhost:9092';

let loaded: Environment | null = null;
let loading: Promise<Environment | null> | null = null;

/** Resolves to the environment, or null when the server does not tell it (asked again next time). */
export function loadEnvironment(): Promise<Environment | null> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= getEnvironment()
    .then(
      (env) => (loaded = env && env.kafka && env.flink ? env : null),
      () => null,
    )
    .finally(() => (loading = null));
  return loading;
}

/** The bootstrap servers of new Kafka nodes: the server's Kafka, else localhost:9092. */
export function defaultBootstrapServers(): string[] {
  const servers = (loaded?.kafka.bootstrapServers ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return servers.length ? servers : [FALLBACK_BOOTSTRAP];
}

/** The environment for a component: null until it is loaded (and when it cannot be). */
export function useEnvironment(): Environment | null {
  const [env, setEnv] = useState(loaded);
  useEffect(() => {
    let live = true;
    void loadEnvironment().then((e) => live && setEnv(e));
    return () => {
      live = false;
    };
  }, []);
  return env;
}

/** Forgets the loaded environment (tests). */
export function resetEnvironment() {
  loaded = null;
  loading = null;
}
