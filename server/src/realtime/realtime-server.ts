import { rootSql, forkEm } from '@hiorder/core/db';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import {
  kitchenRoom,
  STAFF_NAMESPACE,
  StaffHandshakeSchema,
  storeRoom,
  TABLET_NAMESPACE,
  TabletHandshakeSchema,
  tableRoom,
} from '@hiorder/domain/realtime/realtime';
import { DomainError } from '@hiorder/domain/shared/errors';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { Server } from 'socket.io';
import type { AppDeps } from '../app-deps';
import { parseInput, toErrorResponse } from '../http/errors';
import { authenticate } from '@hiorder/core/identity';
import { Visit } from '@hiorder/core/ordering';
import { visitGuestsRoom, deviceRoom, staffAccountRoom, tabletsRoom, visitRoom } from './rooms';
import { attachSocketRedisAdapter, type SocketRedisLink } from './socket-redis-adapter';
import type { StaffNamespace, StaffSocket, TableActor, TabletNamespace, TabletSocket } from './socket-types';
import { registerCatchUpHandlers } from './catch-up.socket';
import { registerCatalogHandlers } from '../catalog/catalog.socket';
import { registerOrderingHandlers } from '../ordering/ordering.socket';
import { registerPaymentHandlers } from '../payment/payment.socket';

export interface RealtimeServer {
  io: Server;
  tablet: TabletNamespace;
  staff: StaffNamespace;
  /** The link to the other instances through Redis, when `REDIS_URL` is set. */
  redis: SocketRedisLink | null;
  /**
   * Closes this instance's sockets without a `disconnect` packet: clients see a lost transport and reconnect
   * by themselves (through the load balancer, to another instance), whereas a server-side `disconnect` would
   * tell them to stay away. Only local sockets: with the Redis adapter a namespace-wide call would reach every
   * instance.
   */
  close(): Promise<void>;
}

/**
 * Socket.IO: `/tablet` for paired tablets, `/staff` for boards and kitchen displays. Origins are checked in
 * `allowRequest` (the `cors` option alone rejects nothing), tokens in `use()`; every client event is parsed
 * with its schema and acknowledged after the commit.
 */
export function createRealtimeServer(httpServer: HttpServer, deps: AppDeps): RealtimeServer {
  const allowed = new Set(
    deps.env.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );
  const io = new Server(httpServer, {
    maxHttpBufferSize: LIMITS.maxBodyBytes,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    allowRequest: (req, callback) => callback(null, originAllowed(req, allowed)),
    cors: { origin: [...allowed], credentials: false },
  });
  // The upgrade request of each connection is kept by default (for express-session and the like); nothing here
  // reads it after the handshake (origin: allowRequest, token: handshake.auth), and dropping it saves memory
  // per connected tablet (https://socket.io/docs/v4/memory-usage/).
  io.engine.on('connection', (rawSocket: { request: unknown }) => {
    rawSocket.request = null;
  });
  const redis = deps.env.REDIS_URL
    ? attachSocketRedisAdapter(io, {
        redisUrl: deps.env.REDIS_URL,
        prefix: deps.env.QUEUE_PREFIX,
        logger: deps.logger.child({ module: 'socket-adapter' }),
      })
    : null;
  const tablet = io.of(TABLET_NAMESPACE) as unknown as TabletNamespace;
  const staff = io.of(STAFF_NAMESPACE) as unknown as StaffNamespace;

  tablet.use((socket, next) => {
    void (async () => {
      requireHandshakeToken(socket.handshake.auth);
      const hs = parseInput(TabletHandshakeSchema, socket.handshake.auth);
      const actor = await authenticate(rootSql(deps.orm), deps.tokens, hs.token, deps.now());
      if (actor.role !== 'table') throw new DomainError('FORBIDDEN', 'Only a paired table tablet can connect here.');
      socket.data.actor = actor;
    })().then(
      () => next(),
      (err: unknown) => next(socketError(err, deps)),
    );
  });
  staff.use((socket, next) => {
    void (async () => {
      requireHandshakeToken(socket.handshake.auth);
      const hs = parseInput(StaffHandshakeSchema, socket.handshake.auth);
      const actor = await authenticate(rootSql(deps.orm), deps.tokens, hs.token, deps.now());
      if (actor.role === 'table') throw new DomainError('FORBIDDEN', 'Tablets connect to /tablet.');
      socket.data.actor = actor;
    })().then(
      () => next(),
      (err: unknown) => next(socketError(err, deps)),
    );
  });

  // A connection whose setup fails (rooms, catch-up) is dropped rather than left half-joined: the client
  // reconnects with the same lastSeq and the catch-up runs again, instead of a board waiting for sync:done forever.
  const setUp = (socket: TabletSocket | StaffSocket, setup: Promise<void>) =>
    setup.catch((err: unknown) => {
      deps.logger.warn({ err, namespace: socket.nsp.name }, 'socket setup failed; disconnecting so the client retries');
      socket.disconnect(true);
    });
  tablet.on('connection', (socket) => void setUp(socket as TabletSocket, onTablet(socket as TabletSocket, deps)));
  staff.on('connection', (socket) => void setUp(socket as StaffSocket, onStaff(socket as StaffSocket, deps)));

  return {
    io,
    tablet,
    staff,
    redis,
    async close() {
      // Not io.close(callback): the callback waits for the HTTP server's close, i.e. for every keep-alive
      // connection to end (up to the 65 s keep-alive timeout). The app's close cuts those after a short grace.
      await io.close();
      await redis?.close();
    },
  };
}

/** A tablet's rooms and the handlers of each context. */
async function onTablet(socket: TabletSocket, deps: AppDeps): Promise<void> {
  const actor = socket.data.actor as TableActor;
  registerOrderingHandlers(socket, deps, actor);
  registerPaymentHandlers(socket, deps, actor);
  const rooms = [tableRoom(actor.tableId), tabletsRoom(actor.storeId), deviceRoom(actor.deviceId)];
  const openVisit = await forkEm(deps.orm).findOne(Visit, { table: actor.tableId, closedAt: null });
  if (openVisit) rooms.push(visitRoom(openVisit.id));
  // A phone joined by the QR: its socket closes with its visit, never to follow the table into the next one.
  if (actor.visitId) rooms.push(visitGuestsRoom(actor.visitId));
  await socket.join(rooms);
  await registerCatalogHandlers(socket, deps, actor);
}

/** A board's or kitchen display's rooms, then the catch-up of what it missed. */
async function onStaff(socket: StaffSocket, deps: AppDeps): Promise<void> {
  const actor = socket.data.actor as Actor;
  const catchUp = registerCatchUpHandlers(socket, deps, actor);
  // Join first, then catch up: an event published meanwhile arrives twice at worst (the board drops the copy
  // by seq), never zero times (I8).
  // The device's or the account's own room: revoking it closes this socket on whichever instance holds it.
  await socket.join([
    actor.role === 'kitchen' ? kitchenRoom(actor.storeId) : storeRoom(actor.storeId),
    actor.kind === 'device' ? deviceRoom(actor.deviceId) : staffAccountRoom(actor.staffId),
  ]);
  await catchUp.replayMissed();
}

/** A handshake without a token is `UNAUTHENTICATED`, as an HTTP request without one is, not a validation error. */
function requireHandshakeToken(auth: unknown): void {
  const token = auth !== null && typeof auth === 'object' ? (auth as { token?: unknown }).token : undefined;
  if (token === undefined || token === null || token === '') throw new DomainError('UNAUTHENTICATED', 'A token is required.');
}

function originAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  // No Origin header: not a browser, so no cross-site hijacking to fear; the token still decides.
  if (!origin) return true;
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function socketError(err: unknown, deps: AppDeps): Error {
  const { body } = toErrorResponse(err, deps.logger, 'handshake');
  const error = new Error(body.message) as Error & { data: unknown };
  error.data = body;
  return error;
}
