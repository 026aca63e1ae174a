import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type {
  SocketData,
  StaffClientToServerEvents,
  StaffServerToClientEvents,
  TabletClientToServerEvents,
  TabletServerToClientEvents,
} from '@hiorder/domain/realtime/realtime';
import type { Namespace, Socket } from 'socket.io';

export type TabletNamespace = Namespace<TabletClientToServerEvents, TabletServerToClientEvents, Record<string, never>, SocketData>;
export type StaffNamespace = Namespace<StaffClientToServerEvents, StaffServerToClientEvents, Record<string, never>, SocketData>;
export type TabletSocket = Socket<TabletClientToServerEvents, TabletServerToClientEvents, Record<string, never>, SocketData>;
export type StaffSocket = Socket<StaffClientToServerEvents, StaffServerToClientEvents, Record<string, never>, SocketData>;
/** The actor of a `/tablet` socket: the namespace's middleware admits table tablets only. */
export type TableActor = Extract<Actor, { role: 'table' }>;
