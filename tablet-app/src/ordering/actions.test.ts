import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/db';
import { buildMenu, buildOrder, resetDb } from '../test/fixtures';
import { backToCart, clearVisit, placeAgain, replaceVisitOrders, upsertOrder } from './actions';

const bulgogi = buildMenu();

describe('the visit history', () => {
  beforeEach(resetDb);

  it('never lets an older state overwrite a newer one (pushes can arrive out of order)', async () => {
    const served = buildOrder(bulgogi, { status: 'served', revision: 3 });
    await upsertOrder(served);
    await upsertOrder({ ...served, status: 'paid', revision: served.revision - 1 });
    expect((await db.orders.get(served.id))?.status).toBe('served');
  });

  it('drops the previous visit when an order of a new visit arrives', async () => {
    const old = buildOrder(bulgogi, { visitId: '0190b7a0-0000-7000-8000-0000000000b1' });
    const fresh = buildOrder(bulgogi, { visitId: '0190b7a0-0000-7000-8000-0000000000b2' });
    await upsertOrder(old);
    await upsertOrder(fresh);
    expect((await db.orders.toArray()).map((o) => o.id)).toEqual([fresh.id]);
  });

  it('forgets the orders when the table is closed but keeps placements still waiting to be sent', async () => {
    await upsertOrder(buildOrder(bulgogi));
    const waiting = await placeAgain(buildOrder(bulgogi));
    await clearVisit();
    expect(await db.orders.count()).toBe(0);
    expect((await db.outbox.get(waiting.id))?.state).toBe('queued');
  });

  it('takes the server list as the truth on reconnect', async () => {
    const gone = buildOrder(bulgogi);
    const kept = buildOrder(bulgogi, { status: 'accepted' });
    await upsertOrder(gone);
    await replaceVisitOrders([kept]);
    expect((await db.orders.toArray()).map((o) => o.id)).toEqual([kept.id]);
  });

  it('puts the lines of a refused placement back into the cart and drops the row', async () => {
    const row = await placeAgain(buildOrder(bulgogi));
    await backToCart(row.input.lines, row.id);
    expect(await db.cart.where('menuId').equals(bulgogi.id).toArray()).toMatchObject([{ qty: 1, options: [], note: '' }]);
    expect(await db.outbox.count()).toBe(0);
  });
});
