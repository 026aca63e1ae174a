import type { Logger } from '@hiorder/core/logger';
import type { RunningServer } from '../start-server';

/** Gaps between looks at the in-flight count while placements finish. */
const POLL_MS = 20;

/**
 * SIGTERM: leave without losing or doubling an order, within `graceMs`.
 *
 * 1. Drain admission control: a new placement answers BUSY with `retryAfterMs` and `/readyz` turns 503, so the
 *    tablet keeps the order in its outbox and the load balancer sends the retry to another instance. The
 *    idempotency key makes that retry safe even if this instance had committed it.
 * 2. Stop listening, so reconnecting clients can only land on another instance.
 * 3. Wait for the placements already admitted: their acks go out after their commits (I5).
 * 4. Flush the relay: events committed here are published now rather than after the lease runs out (when this
 *    instance is not the leader, the leader publishes them and the flush returns at once).
 * 5. Close the sockets without a `disconnect` packet, so clients reconnect by themselves (elsewhere), then the
 *    database and Redis.
 *
 * Resolves `true` when everything finished in time; `false` when the grace period ran out first (the caller
 * exits anyway: whatever was not flushed is still in the outbox, and an interrupted payment is settled by
 * reconciliation).
 */
export async function shutDownGracefully(server: RunningServer, input: { graceMs: number; logger: Logger }): Promise<boolean> {
  const { app } = server;
  const deadline = Date.now() + input.graceMs;
  const steps = async () => {
    app.deps.admission.drain();
    app.http.close();
    while (app.deps.admission.current.inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await app.deps.relay
      .flush()
      .catch((err: unknown) => input.logger.warn({ err }, 'shutdown: relay flush failed; the next leader publishes'));
    await server.stop();
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([steps().then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
