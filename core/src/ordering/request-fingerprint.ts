import { createHash } from 'node:crypto';
import type { OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';

/**
 * The fingerprint of a placement, stored with the order: what the server reads from the request (lines in
 * their order, with menu and quantity, and the note), not the key itself and not the informational
 * `unitPrice` (rule 4 ignores it). The same key sent again with the same fingerprint replays the first
 * order; with another, it is `IDEMPOTENCY_KEY_REUSED` (as Stripe answers a key reused with other parameters).
 * A line's chosen options (as a set) and its note count too; a line without either is fingerprinted as before
 * options existed, so a retry across the upgrade still replays.
 */
export function requestFingerprint(input: OrderPlace): string {
  const line = (l: OrderPlace['lines'][number]) =>
    l.options.length > 0 || l.note ? [l.menuId, l.qty, [...l.options].sort(), l.note] : [l.menuId, l.qty];
  const canonical = JSON.stringify({ lines: input.lines.map(line), note: input.note ?? '' });
  return createHash('sha256').update(canonical).digest('hex');
}
