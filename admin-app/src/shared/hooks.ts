import { useEffect, useState } from 'react';

/** The current time, ticking every `intervalMs` (age timers). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; message: string };

/** Loads once per `key` change; `reload()` asks again (after a push says the data moved). */
export function useLoad<T>(load: () => Promise<T>, key: unknown[]): [Loadable<T>, () => void] {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    load().then(
      (data) => alive && setValue({ state: 'ready', data }),
      (err: unknown) => alive && setValue({ state: 'failed', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...key, tick]);
  return [value, () => setTick((t) => t + 1)];
}
