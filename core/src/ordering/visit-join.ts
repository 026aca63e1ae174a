import type { Actor, DeviceSessionDto } from '@hiorder/domain/identity/identity.schemas';
import type { VisitJoin, VisitJoinCodeDto } from '@hiorder/domain/payment/bill-split';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { sqlTransaction } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { Store } from '../identity/store.entity';
import { presentStore } from '../identity/identity.presenter';
import { DEVICE_TOKEN_PREFIX, newOpaqueToken, sha256 } from '../identity/tokens';
import { insertVisit, lockTable, openVisitId } from './order.repository';

/**
 * The QR the tablet shows so guests' phones join its table's current visit (issue 18: split the bill by phone). A
 * visit is opened if the table has none yet (under the table's lock, as placement opens one); its join code is made
 * once per visit, so it changes with every visit and is useless once the visit closes. Table role only.
 * Throws `NOT_FOUND` (the table no longer exists).
 */
export async function visitJoinCode(ctx: {
  em: EntityManager;
  actor: Extract<Actor, { role: 'table' }>;
  now: Date;
  publicUrl: string;
}): Promise<VisitJoinCodeDto> {
  const { actor } = ctx;
  return sqlTransaction(ctx.em, async (sql) => {
    if ((await lockTable(sql, actor.storeId, actor.tableId)) === null)
      throw new DomainError('NOT_FOUND', 'This tablet’s table no longer exists.');
    let visitId = actor.visitId ?? (await openVisitId(sql, actor.tableId));
    if (!visitId) {
      visitId = newId();
      await insertVisit(sql, { id: visitId, storeId: actor.storeId, tableId: actor.tableId, openedAt: ctx.now });
    }
    await sql.run('update visit set join_code = ? where id = ? and join_code is null', [newOpaqueToken(), visitId]);
    const rows = await sql.all<{ join_code: string }>('select join_code from visit where id = ?', [visitId]);
    const code = rows[0]?.join_code as string;
    return { visitId, code, url: `${ctx.publicUrl}/tablet/?join=${code}` };
  });
}

/**
 * A phone scanned the tablet's QR: it gets a device session of the table, limited to that visit — it sees the
 * visit's orders, orders under the same rules and limits, and pays shares; its token stops working when the visit
 * closes (checked on every use by `authenticate`). Staff's device lists leave such sessions out. Throws
 * `VISIT_JOIN_INVALID` for an unknown code or a visit that has closed (an old QR).
 */
export async function joinVisit(ctx: { em: EntityManager; now: Date }, input: VisitJoin): Promise<DeviceSessionDto> {
  const token = newOpaqueToken(DEVICE_TOKEN_PREFIX);
  const joined = await sqlTransaction(ctx.em, async (sql) => {
    const rows = await sql.all<{ id: string; store_id: string; table_id: string; label: string; closed_at: unknown }>(
      `select v.id, v.store_id, v.table_id, t.label, v.closed_at from visit v join dining_table t on t.id = v.table_id where v.join_code = ?`,
      [input.code],
    );
    const visit = rows[0];
    if (!visit || (visit.closed_at !== null && visit.closed_at !== undefined))
      throw new DomainError('VISIT_JOIN_INVALID', 'This QR code is of a visit that has ended: scan the code on the table’s tablet again.');
    const deviceId = newId();
    await sql.run(
      `insert into device (id, store_id, table_id, visit_id, role, name, token_hash, created_at, last_seen_at, revoked_at)
       values (?, ?, ?, ?, 'table', 'Phone', ?, ?, ?, null)`,
      [deviceId, visit.store_id, visit.table_id, visit.id, sha256(token), ctx.now, ctx.now],
    );
    return { deviceId, visit };
  });
  const store = await ctx.em.findOneOrFail(Store, { id: joined.visit.store_id });
  return {
    deviceToken: token,
    deviceId: joined.deviceId,
    role: 'table',
    store: presentStore(store),
    table: { id: joined.visit.table_id, label: joined.visit.label },
    visitId: joined.visit.id,
  };
}
