import type { TableCreate, TableDto, TableUpdate } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { Visit } from '../ordering/visit.entity';
import { Device } from './device.entity';
import { DiningTable } from './dining-table.entity';
import { presentTable } from './identity.presenter';
import type { CommandContext } from '../command-context';

/** The store's tables with their open visit and paired devices, in floor order. */
export async function listTables(ctx: CommandContext): Promise<TableDto[]> {
  const storeId = ctx.actor.storeId;
  const [tables, visits, devices] = await Promise.all([
    ctx.em.find(DiningTable, { store: storeId }, { orderBy: { position: 'asc', label: 'asc' } }),
    ctx.em.find(Visit, { store: storeId, closedAt: null }),
    ctx.em.find(Device, { store: storeId, revokedAt: null, role: 'table', visit: null }),
  ]);
  return tables.map((t) =>
    presentTable(
      t,
      visits.find((v) => v.table.id === t.id)?.id ?? null,
      devices.filter((d) => d.table?.id === t.id),
    ),
  );
}

/** Adds a table at the end of the floor. */
export async function createTable(ctx: CommandContext, input: TableCreate): Promise<TableDto> {
  return ctx.em.transactional(async (em) => {
    const last = await em.findOne(DiningTable, { store: ctx.actor.storeId }, { orderBy: { position: 'desc' } });
    const table = em.create(DiningTable, {
      id: newId(),
      store: ctx.actor.storeId,
      label: input.label,
      position: (last?.position ?? 0) + 1,
      lockVersion: 0,
      createdAt: ctx.now,
    });
    return presentTable(table, null, []);
  });
}

/** Renames a table. Throws `NOT_FOUND`. */
export async function updateTable(ctx: CommandContext, tableId: string, input: TableUpdate): Promise<TableDto> {
  return ctx.em.transactional(async (em) => {
    const table = await em.findOne(DiningTable, { id: tableId, store: ctx.actor.storeId });
    if (!table) throw new DomainError('NOT_FOUND', 'No such table in this store.');
    if (input.label !== undefined) table.label = input.label;
    const visit = await em.findOne(Visit, { table: table.id, closedAt: null });
    const devices = await em.find(Device, { table: table.id, revokedAt: null, visit: null });
    return presentTable(table, visit?.id ?? null, devices);
  });
}
