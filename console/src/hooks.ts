import { useCallback, useEffect, useEffectEvent, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads with `load` when `key` changes, again on `reload()` and every `refreshMs` (when given); keeps the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, key: string, refreshMs?: number): Loaded<T> {
  const [tick, setTick] = useState(0);
  const request = `${key}#${tick}`;
  const [state, setState] = useState<{ data: T | undefined; error: unknown; for: string | undefined }>({ data: undefined, error: undefined, for: undefined });
  const run = useEffectEvent(() => load());
  useEffect(() => {
    let live = true;
    run().then(
      (data) => live && setState({ data, error: undefined, for: request }),
      (error: unknown) => live && setState((previous) => ({ data: previous.data, error, for: request })),
    );
    return () => {
      live = false;
    };
  }, [request]);
  useEffect(() => {
    if (!refreshMs) return undefined;
    const timer = window.setInterval(() => setTick((value) => value + 1), refreshMs);
    return () => window.clearInterval(timer);
  }, [refreshMs]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { data: state.data, error: state.error, loading: state.for !== request, reload };
}

/** The hash route: `#/tickets/abc` → ['tickets', 'abc']. */
export function useRoute(): string[] {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function navigate(...parts: string[]): void {
  window.location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
}

/** True on a phone-sized screen. */
export function useIsNarrow(): boolean {
  const query = '(max-width: 768px)';
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setNarrow(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return narrow;
}
