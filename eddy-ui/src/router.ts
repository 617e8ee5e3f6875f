// A very small router: `/` is the home page, `/flows/<id>` the canvas of a flow.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

export function navigate(path: string) {
  if (window.location.pathname !== path) window.history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function usePath(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => window.location.pathname,
  );
}
