// The home page's view of the catalogue: the query (search debounced, status, tag, sort) and the
// pages loaded so far. The server searches, filters, sorts and counts; the page never holds more
// flows than the pages asked for, so it starts as fast with 10,000 flows as with 10.
import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../api';
import type { FlowPage, FlowSort, FlowSummary, TagCount } from '../types';

/** How long typing must pause before the search goes to the server. */
export const SEARCH_DEBOUNCE_MS = 60;
/**
 * Flows per page: more than a large screen shows at once, few enough that a keystroke's new tiles
 * (each with its menu) draw quickly (docs/performance.md, the catalogue).
 */
export const PAGE_SIZE = 24;

export function useCatalogue() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState<FlowSort>('changed');
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [page, setPage] = useState<FlowPage | null>(null);
  // the search text the shown flows answer (a browser test waits for it)
  const [answered, setAnswered] = useState<string | null>(null);
  const [tags, setTags] = useState<TagCount[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Only the answer to the latest query is shown: an older answer arriving late is dropped.
  const latest = useRef(0);

  useEffect(() => {
    const t = setTimeout(() => setQ(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  // the tags and their counts are the whole catalogue's, not the query's: not asked again per keystroke
  const loadTags = useCallback(async () => {
    const allTags = await api.listTags().catch(() => null);
    if (allTags) setTags(allTags);
  }, []);

  const loadPage = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const first = await api.listFlowPage({ q, status, tag, sort, limit: PAGE_SIZE });
      if (mine !== latest.current) return;
      setPage(first);
      setFlows(first.flows);
      setAnswered(q);
      setError(null);
    } catch (e) {
      if (mine === latest.current) setError((e as Error).message);
    }
  }, [q, status, tag, sort]);

  useEffect(() => {
    void loadPage();
  }, [loadPage]);

  useEffect(() => {
    void loadTags();
  }, [loadTags]);

  /** After a change to the catalogue (import, rename, duplicate, delete): the page and the tags again. */
  const refresh = useCallback(async () => {
    await Promise.all([loadPage(), loadTags()]);
  }, [loadPage, loadTags]);

  const loadMore = useCallback(async () => {
    if (!page?.next || loadingMore) return;
    const mine = latest.current;
    setLoadingMore(true);
    try {
      const next = await api.listFlowPage({ q, status, tag, sort, limit: PAGE_SIZE, cursor: page.next });
      if (mine !== latest.current) return;
      setPage(next);
      setFlows((shown) => [...(shown ?? []), ...next.flows]);
    } catch (e) {
      if (mine === latest.current) setError((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  }, [page, loadingMore, q, status, tag, sort]);

  return {
    text,
    setText,
    /** the search the shown flows answer (the debounced text) */
    searched: q,
    answered,
    status,
    setStatus,
    tag,
    setTag,
    sort,
    setSort,
    flows,
    page,
    tags,
    error,
    setError,
    refresh,
    loadMore,
    loadingMore,
  };
}
