import { createHash } from 'node:crypto';
import type { OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';

/**
 * The fingerprint of a placement, stored with the order: what the server reads from the request (lines in
 * their order, with menu and quantity, and the note), not the key itself and not the informational
 * `unitPrice` (rule 4 ignores it). The same key sent again with the same fingerprint replays the first
 * order; with another, it is `IDEMPOTENCY_KEY_REUSED` (as Stripe answers a key reused with other parameters).
 */
export function requestFingerprint(input: OrderPlace): string {
  const canonical = JSON.stringify({ lines: input.lines.map((l) => [l.menuId, l.qty]), note: input.note ?? '' });
  return createHash('sha256').update(canonical).digest('hex');
}
