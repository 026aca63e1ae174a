import type { Ack } from '@hiorder/domain/shared/errors';
import type { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { parseInput, toErrorResponse } from '../http/errors';
import type { Logger } from '@hiorder/core/logger';

/**
 * The one wrapper of every client→server socket event: parse the payload with its domain schema, run the
 * handler, and acknowledge `{ ok: true, data }` after it returned (its commit is done) or `{ ok: false, error }`
 * with the same codes as HTTP. An event without an ack callback is ignored: nothing may happen unacknowledged.
 */
export function handleWithAck<S extends z.ZodType, T>(
  logger: Logger,
  schema: S,
  handler: (input: z.infer<S>) => Promise<T>,
): (payload: unknown, ack: unknown) => void {
  return (payload, ack) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (answer: Ack<T>) => void;
    void (async () => {
      try {
        const data = await handler(parseInput(schema, payload));
        reply({ ok: true, data });
      } catch (err) {
        reply({ ok: false, error: toErrorResponse(err, logger, randomUUID()).body });
      }
    })();
  };
}
