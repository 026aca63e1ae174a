import type { BoardSnapshotDto } from '@hiorder/domain/ordering/ordering.schemas';
import { AUTH_ERROR_CODES, errorCodeOf, type Ack } from '@hiorder/domain/shared/errors';
import type { EventsPage, StaffClientToServerEvents, StaffServerToClientEvents } from '@hiorder/domain/realtime/realtime';
import { STAFF_NAMESPACE } from '@hiorder/domain/realtime/realtime';
import { io, type Socket } from 'socket.io-client';
import type { BoardStore } from '../board/board-store';
import { ApiError } from '../shared/api';

type StaffSocket = Socket<StaffServerToClientEvents, StaffClientToServerEvents>;

export interface StaffConnectionOptions {
  token: () => string | null;
  /** Refresh the token after the handshake was refused; false ends the session. */
  renew: () => Promise<boolean>;
  onUnauthorized: () => void;
  /** `GET /api/board`: where the board starts, so the handshake replays only what came after its lastSeq. */
  loadSnapshot: () => Promise<BoardSnapshotDto>;
  onStatsUpdated?: () => void;
}

const CATCH_UP_TIMEOUT_MS = 10_000;
const RETRY_MS = 2_000;

/**
 * Wires a BoardStore to the `/staff` namespace. It first seeds the store from the board snapshot (retried until it
 * answers), and only then opens the socket: connecting earlier would send `lastSeq: 0` and replay the store's
 * whole history. The handshake carries the store's `lastSeq` every time
 * (auth is a function, read at each reconnection), so the server replays what was missed; gaps seen live
 * are filled with `events:since`. The browser's offline signal drops the socket at once so the screen says
 * "reconnecting" instead of trusting a half-dead connection until the heartbeat times out.
 */
export function connectStaff(store: BoardStore, options: StaffConnectionOptions): () => void {
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  const socket: StaffSocket = io(STAFF_NAMESPACE, {
    transports: ['websocket'],
    autoConnect: false,
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
      if (!closed && started && navigator.onLine !== false) socket.connect();
    }, RETRY_MS);
  };

  const start = (): void => {
    options.loadSnapshot().then(
      (snapshot) => {
        if (closed) return;
        store.start(snapshot);
        started = true;
        if (navigator.onLine !== false) socket.connect();
      },
      (err: unknown) => {
        if (closed) return;
        // The ApiClient already tried a refresh: a refused token ends the session, anything else is retried.
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
          options.onUnauthorized();
          return;
        }
        store.setStatus('reconnecting');
        retry = setTimeout(start, RETRY_MS);
      },
    );
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
    const code = errorCodeOf((err as Error & { data?: unknown }).data);
    void renewAndReconnect(code === null || AUTH_ERROR_CODES.has(code));
  });

  /** `authProblem`: the server refused the token (or closed us on purpose), so renew the session before retrying. */
  async function renewAndReconnect(authProblem = true): Promise<void> {
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
    if (started && !socket.connected) socket.connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  start();

  return () => {
    closed = true;
    clearTimeout(retry);
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
    socket.disconnect();
  };
}
