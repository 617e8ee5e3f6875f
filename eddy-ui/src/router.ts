// A very small router: `/` is the home page, `/flows/<id>` the canvas of a flow, `/jobs` the jobs
// on the Flink cluster.
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

/** href and onClick of an in-app link: a plain click navigates without reloading the page. */
export function linkTo(path: string) {
  return {
    href: path,
    onClick: (e: { preventDefault(): void; button?: number; ctrlKey?: boolean; metaKey?: boolean }) => {
      if (e.button || e.ctrlKey || e.metaKey) return; // a new tab or window: the browser's business
      e.preventDefault();
      navigate(path);
    },
  };
}
