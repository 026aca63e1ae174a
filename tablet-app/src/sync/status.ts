import { useSyncExternalStore } from 'react';

/** How the tablet stands with the server. The outbox's own counts come from Dexie (see `useOutbox`). */
export type Connection = 'online' | 'connecting' | 'offline';
export type CatalogSync = 'idle' | 'syncing' | 'failed';

export interface SyncStatus {
  connection: Connection;
  catalog: CatalogSync;
  /** Epoch ms of the last successful catalog check, or null. */
  catalogCheckedAt: number | null;
  /** Bumped on `recommendations:updated`: the rows ask the server again. */
  recommendationsRev: number;
}

let status: SyncStatus = {
  connection: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'connecting',
  catalog: 'idle',
  catalogCheckedAt: null,
  recommendationsRev: 0,
};
const listeners = new Set<() => void>();

export function getSyncStatus(): SyncStatus {
  return status;
}

export function setSyncStatus(patch: Partial<SyncStatus>): void {
  const next = { ...status, ...patch };
  if ((Object.keys(next) as (keyof SyncStatus)[]).every((k) => next[k] === status[k])) return;
  status = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(subscribe, getSyncStatus, getSyncStatus);
}
