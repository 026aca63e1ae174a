import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Logger } from '@hiorder/core/logger';
import { redisOptions } from '@hiorder/core/outbox';

export interface SocketRedisLink {
  /** For `/readyz`: fails at once while Redis is unreachable (no offline queue). */
  ping(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Joins this instance's Socket.IO server to the others through Redis, so a push made on A (the relay leader's
 * `store:event`, a tablet's `socketsJoin`) reaches sockets connected to B.
 *
 * Why `@socket.io/redis-adapter` (Pub/Sub) and not the streams adapter: the streams adapter's gain is
 * connection-state recovery (replaying missed packets from a Redis stream), but our boards never rely on it —
 * every staff push carries the store seq and a reconnecting board asks `events:since` (I8), and tablets refetch
 * their visit on reconnect. Pub/Sub keeps nothing in Redis, adds no polling latency and has no stream to trim;
 * its at-most-once delivery is exactly what the seq catch-up already covers.
 *
 * A Redis outage must not stop ordering. The publishing client is on the request path (every emit publishes),
 * so it fails fast (`enableOfflineQueue: false`, no retries) and its rejections are swallowed here: the adapter
 * does not await `publish`, and an unhandled rejection would kill the process. Local sockets still get their
 * pushes; other instances' boards catch up by seq. The subscribing client keeps its offline queue: it is off
 * the request path and must (re)subscribe by itself when Redis comes back.
 */
export function attachSocketRedisAdapter(io: Server, input: { redisUrl: string; prefix: string; logger: Logger }): SocketRedisLink {
  const options = { ...redisOptions(input.redisUrl), lazyConnect: false };
  const pub = new Redis({ ...options, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectionName: 'hiorder-socket-pub' });
  const sub = new Redis({ ...options, maxRetriesPerRequest: null, connectionName: 'hiorder-socket-sub' });
  let lastWarning = 0;
  const warn = (err: unknown) => {
    // ioredis reports every failed reconnect: once a minute is enough to see an outage in the logs.
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    input.logger.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'socket adapter: Redis unreachable; pushes stay on this instance',
    );
  };
  pub.on('error', warn);
  sub.on('error', warn);

  const failSafePub = new Proxy(pub, {
    get(target, prop) {
      if (prop === 'publish') {
        return (channel: string | Buffer, message: string | Buffer) =>
          target.publish(channel, message).catch((err: unknown) => (warn(err), 0));
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

  io.adapter(createAdapter(failSafePub, sub, { key: `${input.prefix}:socket.io`, requestsTimeout: 3_000 }));
  return {
    ping: () => pub.ping(),
    async close() {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
