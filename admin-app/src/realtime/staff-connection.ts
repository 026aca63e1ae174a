import type { Ack } from '@hiorder/domain/shared/errors';
import type { EventsPage, StaffClientToServerEvents, StaffServerToClientEvents } from '@hiorder/domain/realtime/realtime';
import { STAFF_NAMESPACE } from '@hiorder/domain/realtime/realtime';
import { io, type Socket } from 'socket.io-client';
import type { BoardStore } from '../board/board-store';

type StaffSocket = Socket<StaffServerToClientEvents, StaffClientToServerEvents>;

export interface StaffConnectionOptions {
  token: () => string | null;
  /** Refresh the token after the handshake was refused; false ends the session. */
  renew: () => Promise<boolean>;
  onUnauthorized: () => void;
  onStatsUpdated?: () => void;
}

const CATCH_UP_TIMEOUT_MS = 10_000;
const RETRY_MS = 2_000;

/**
 * Wires a BoardStore to the `/staff` namespace. The handshake carries the store's `lastSeq` every time
 * (auth is a function, read at each reconnection), so the server replays what was missed; gaps seen live
 * are filled with `events:since`. The browser's offline signal drops the socket at once so the screen says
 * "reconnecting" instead of trusting a half-dead connection until the heartbeat times out.
 */
export function connectStaff(store: BoardStore, options: StaffConnectionOptions): () => void {
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const socket: StaffSocket = io(STAFF_NAMESPACE, {
    transports: ['websocket'],
    auth: (cb) => cb({ token: options.token() ?? '', lastSeq: store.lastSeq }),
  });

  const catchUp = (lastSeq: number): void => {
    socket.timeout(CATCH_UP_TIMEOUT_MS).emit('events:since', { lastSeq }, (err: Error | null, ack: Ack<EventsPage>) => {
      if (closed) return;
      if (err || !ack.ok) {
        store.catchUpFailed();
        if (socket.connected) retry = setTimeout(() => store.retryCatchUp(), RETRY_MS);
        return;
      }
      store.page(ack.data);
    });
  };
  store.setCatchUp(catchUp);

  const reconnectLater = (): void => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      if (!closed && navigator.onLine !== false) socket.connect();
    }, RETRY_MS);
  };

  socket.on('connect', () => store.setStatus('syncing'));
  socket.on('store:event', (event) => store.receive([event]));
  socket.on('sync:done', ({ lastSeq }) => store.syncDone(lastSeq));
  socket.on('stats:updated', () => options.onStatsUpdated?.());
  socket.on('disconnect', (reason) => {
    store.setStatus('reconnecting');
    // The server closed us on purpose (token revoked or expired): the client will not retry on its own.
    if (reason === 'io server disconnect') void renewAndReconnect();
  });
  socket.on('connect_error', (err) => {
    store.setStatus('reconnecting');
    if (socket.active) return; // a transport error: socket.io retries with backoff
    void renewAndReconnect(err.message);
  });

  async function renewAndReconnect(message = ''): Promise<void> {
    const authProblem = /auth|token|forbidden|revoked|expired/i.test(message) || message === '';
    if (authProblem && !(await options.renew())) {
      options.onUnauthorized();
      return;
    }
    reconnectLater();
  }

  const offline = (): void => {
    socket.disconnect();
    store.setStatus('reconnecting');
  };
  const online = (): void => {
    if (!socket.connected) socket.connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);

  return () => {
    closed = true;
    clearTimeout(retry);
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
    socket.disconnect();
  };
}
