import type { SessionDto } from '@hiorder/domain/identity/identity.schemas';
import { createContext, useContext } from 'react';
import type { BoardStore } from '../board/board-store';
import type { ApiClient } from './api';

export interface AdminContext {
  api: ApiClient;
  session: SessionDto;
  board: BoardStore;
  /** Acknowledge ringing alarms (every screen of the store stops); failures are shown by the shell. */
  acknowledge: (input: { orderIds?: readonly string[]; staffCallIds?: readonly string[] }) => Promise<void>;
  /** Listen to `stats:updated` pushes (the dashboard). */
  onStats: (listener: () => void) => () => void;
}

export const AdminContextValue = createContext<AdminContext | null>(null);

export function useAdmin(): AdminContext {
  const value = useContext(AdminContextValue);
  if (!value) throw new Error('useAdmin outside AdminApp');
  return value;
}
