import { io, type Socket } from 'socket.io-client';
import { CatalogSyncDtoSchema, type CatalogSyncDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OrderDto, OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';
import type { OrderPay } from '@hiorder/domain/payment/payment.schemas';
import { TABLET_NAMESPACE, type TabletClientToServerEvents, type TabletServerToClientEvents } from '@hiorder/domain/realtime/realtime';
import { AUTH_ERROR_CODES, errorCodeOf, type Ack } from '@hiorder/domain/shared/errors';
import type { StaffCall } from '@hiorder/domain/ordering/staff-call.schemas';
import { liveQuery, type Subscription } from 'dexie';
import { applyStockChange } from '../catalog/actions';
import { db, readCatalogMeta, type StoredSession } from '../db/db';
import { forgetPairing } from '../identity/actions';
import { clearVisit, placementCount, replaceVisitOrders, upsertOrder } from '../ordering/actions';
import { ApiError, apiFetch } from './api';
import { syncCatalog } from './catalog-sync';
import { OutboxPusher, recoverInterruptedSends } from './outbox';
import { getSyncStatus, setSyncStatus } from './status';

type TabletSocket = Socket<TabletServerToClientEvents, TabletClientToServerEvents>;

const PLACE_TIMEOUT_MS = 10_000;
/** Confirm runs behind the server's own provider timeout; this only has to be longer than that. */
const PAY_TIMEOUT_MS = 30_000;

let socket: TabletSocket | null = null;
let pusher: OutboxPusher | null = null;
let currentToken: string | null = null;

/**
 * Starts the tablet's link to the server for a paired session: the `/tablet` socket (token and catalog
 * version in the handshake), the outbox pusher, catalog pulls by version, the visit's orders and every push
 * of the server. Returns a stop function. One engine runs at a time.
 */
export function startSync(session: StoredSession): () => void {
  currentToken = session.deviceToken;
  const s: TabletSocket = io(TABLET_NAMESPACE, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
    auth: (cb) => {
      void readCatalogMeta().then((meta) =>
        cb(meta ? { token: session.deviceToken, catalogVersion: meta.version } : { token: session.deviceToken }),
      );
    },
  });
  socket = s;

  const transport = {
    connected: () => s.connected,
    place: (input: OrderPlace) => s.timeout(PLACE_TIMEOUT_MS).emitWithAck('order:place', input) as Promise<Ack<OrderDto>>,
  };
  const p = new OutboxPusher(transport);
  pusher = p;

  const onlineChanged = () => {
    if (!navigator.onLine) setSyncStatus({ connection: 'offline' });
    else if (!s.connected) {
      setSyncStatus({ connection: 'connecting' });
      s.connect();
    }
  };
  window.addEventListener('online', onlineChanged);
  window.addEventListener('offline', onlineChanged);
  setSyncStatus({ connection: navigator.onLine ? 'connecting' : 'offline' });

  s.on('connect', () => {
    setSyncStatus({ connection: 'online' });
    void refreshAfterConnect(s).finally(() => p.kick());
  });
  s.on('disconnect', (reason) => {
    setSyncStatus({ connection: navigator.onLine ? 'connecting' : 'offline' });
    // The server dropped us on purpose (revoked token): socket.io will not reconnect by itself.
    if (reason === 'io server disconnect') void verifyDevice(session.deviceToken).then((ok) => ok && s.connect());
  });
  s.on('connect_error', (err) => {
    setSyncStatus({ connection: navigator.onLine ? 'connecting' : 'offline' });
    const code = errorCodeOf((err as Error & { data?: unknown }).data);
    if (code && AUTH_ERROR_CODES.has(code)) void forgetPairing();
  });
  s.on('order:updated', (order) => void upsertOrder(order));
  s.on('catalog:changed', (change) => {
    void readCatalogMeta().then((meta) => {
      if (!meta || change.version > meta.version) void syncCatalog(socketCatalogFetcher(s)).catch(() => undefined);
    });
  });
  s.on('stock:changed', (change) => {
    void applyStockChange(change).then(({ needsSync }) => {
      if (needsSync) void syncCatalog(socketCatalogFetcher(s)).catch(() => undefined);
    });
  });
  s.on('visit:closed', () => void clearVisit());
  // Staff moved the visit here, merged tables or moved an order: the visit's orders changed under us.
  s.on('visit:changed', () => void refreshVisitOrders(s).catch(() => undefined));
  s.on('session:revoked', () => void forgetPairing());
  s.on('recommendations:updated', () => setSyncStatus({ recommendationsRev: getSyncStatus().recommendationsRev + 1 }));

  // New rows (and rows put back in the queue) wake the pusher.
  const outboxWatch: Subscription = liveQuery(() => db.outbox.where('state').anyOf('queued', 'busy').count()).subscribe({
    next: () => p.kick(),
  });

  void recoverInterruptedSends(Date.now()).then(() => p.kick());
  // First start with no socket yet (or a server without sockets behind a proxy): plain HTTP fills the menu.
  void readCatalogMeta().then((meta) => {
    if (!meta) void syncCatalog(httpCatalogFetcher(session.deviceToken)).catch(() => undefined);
  });

  return () => {
    outboxWatch.unsubscribe();
    window.removeEventListener('online', onlineChanged);
    window.removeEventListener('offline', onlineChanged);
    p.stop();
    s.removeAllListeners();
    s.disconnect();
    if (socket === s) socket = null;
    if (pusher === p) pusher = null;
  };
}

async function refreshAfterConnect(s: TabletSocket): Promise<void> {
  await Promise.allSettled([syncCatalog(socketCatalogFetcher(s)), refreshVisitOrders(s)]);
}

/** The server's list of this table's visit replaces ours (after a reconnect, or when staff moved orders). */
async function refreshVisitOrders(s: TabletSocket): Promise<void> {
  // A placement acknowledged while the list was on its way would be missing from it: ask again.
  for (let i = 0; i < 3; i++) {
    const before = placementCount();
    const answer = (await s.timeout(PLACE_TIMEOUT_MS).emitWithAck('orders:list', {})) as Ack<OrderDto[]>;
    if (!answer.ok) return;
    if (placementCount() !== before) continue;
    await replaceVisitOrders(answer.data);
    return;
  }
}

function socketCatalogFetcher(s: TabletSocket) {
  return async (since: number | undefined): Promise<CatalogSyncDto> => {
    const answer = (await s
      .timeout(PLACE_TIMEOUT_MS)
      .emitWithAck('catalog:sync', since === undefined ? {} : { since })) as Ack<CatalogSyncDto>;
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };
}

function httpCatalogFetcher(token: string) {
  return async (since: number | undefined): Promise<CatalogSyncDto> =>
    CatalogSyncDtoSchema.parse(await apiFetch(since === undefined ? '/api/catalog' : `/api/catalog?since=${since}`, { token }));
}

/** Whether the token is still good (a 401 also triggers the back-to-pairing listener). */
async function verifyDevice(token: string): Promise<boolean> {
  try {
    await apiFetch('/api/device', { token });
    return true;
  } catch {
    return false;
  }
}

export type SocketAnswer<T> = { kind: 'answer'; ack: Ack<T> } | { kind: 'offline' } | { kind: 'no_answer' };

/** `order:pay` over the socket; HTTP when the socket is down but the network is not. */
export async function sendPay(input: OrderPay): Promise<SocketAnswer<OrderDto>> {
  const s = socket;
  if (s?.connected) {
    try {
      return { kind: 'answer', ack: (await s.timeout(PAY_TIMEOUT_MS).emitWithAck('order:pay', input)) as Ack<OrderDto> };
    } catch {
      return { kind: 'no_answer' };
    }
  }
  if (!navigator.onLine || !currentToken) return { kind: 'offline' };
  return httpAck(`/api/orders/${input.orderId}/pay`, { paymentKey: input.paymentKey }, PAY_TIMEOUT_MS);
}

/** The guest will pay at the counter (HTTP: a rare, idempotent call). */
export async function sendPayAtCounter(orderId: string): Promise<SocketAnswer<OrderDto>> {
  if (!navigator.onLine || !currentToken) return { kind: 'offline' };
  return httpAck(`/api/orders/${orderId}/pay-at-counter`, undefined, PLACE_TIMEOUT_MS);
}

export async function sendStaffCall(input: StaffCall): Promise<SocketAnswer<{ called: true }>> {
  const s = socket;
  if (s?.connected) {
    try {
      return { kind: 'answer', ack: (await s.timeout(PLACE_TIMEOUT_MS).emitWithAck('staff:call', input)) as Ack<{ called: true }> };
    } catch {
      return { kind: 'no_answer' };
    }
  }
  if (!navigator.onLine || !currentToken) return { kind: 'offline' };
  return httpAck('/api/staff-calls', input, PLACE_TIMEOUT_MS);
}

async function httpAck<T>(path: string, body: unknown, timeoutMs: number): Promise<SocketAnswer<T>> {
  try {
    const data = (await apiFetch(path, { method: 'POST', body, token: currentToken, timeoutMs })) as T;
    return { kind: 'answer', ack: { ok: true, data } };
  } catch (err) {
    if (err instanceof ApiError && err.body) return { kind: 'answer', ack: { ok: false, error: err.body } };
    return { kind: 'no_answer' };
  }
}

/** Wakes the pusher now (the guest tapped "send again"). */
export function kickOutbox(): void {
  pusher?.kick();
}
