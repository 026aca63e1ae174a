import { shortCode } from '@hiorder/domain/shared/ids';
import { historyItems } from './order-history.processor';

/** A migration's `execute`: SQL with `?` placeholders in the migration's own transaction, rows back. */
export type MigrationExecute = (sql: string, params?: unknown[]) => Promise<unknown>;

const BATCH = 500;

/**
 * The second half of back-filling `order_history` from the orders table (the migration's SQL copies every
 * column it can, leaving `short_code` empty): an order's short code and its lines as text are written by the same
 * functions as the history processor's, so a back-filled row reads like one the events made. A processed row
 * always has a 4-digit code, so the empty code marks exactly the rows left to finish.
 */
export async function finishBackfilledHistory(execute: MigrationExecute): Promise<void> {
  for (;;) {
    const rows = (await execute(`select order_id from order_history where short_code = '' limit ${BATCH}`)) as { order_id: string }[];
    if (rows.length === 0) return;
    for (const { order_id: orderId } of rows) {
      const lines = (await execute('select name_ko, name_en, qty from order_line where order_id = ? order by position', [orderId])) as {
        name_ko: string;
        name_en: string;
        qty: number | string;
      }[];
      const items = historyItems(lines.map((l) => ({ name: { ko: l.name_ko, en: l.name_en }, qty: Number(l.qty) })));
      await execute('update order_history set short_code = ?, items = ? where order_id = ?', [shortCode(orderId), items, orderId]);
    }
  }
}
