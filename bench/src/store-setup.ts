import type { CatalogDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { DeviceSessionDto, PairingCodeDto, SessionDto, TableDto } from '@hiorder/domain/identity/identity.schemas';
import type { OrderLineInput } from '@hiorder/domain/ordering/ordering.schemas';
import type { PaymentConfigDto } from '@hiorder/domain/payment/payment.schemas';
import { JsonHttpClient } from './http-client';

/** Pairings in flight at once during setup (setup speed only; not measured). */
const PAIRING_CONCURRENCY = 16;

/** A tablet paired through the API, as a guest's device would be. */
export interface PairedTablet {
  deviceId: string;
  deviceToken: string;
  tableId: string;
}

/** The demo store made ready for load: enough tables, every tablet paired, counted stock that won't run out. */
export interface BenchStore {
  adminToken: string;
  tables: TableDto[];
  tablets: PairedTablet[];
  /** Menus a cart may hold: orderable and without a per-visit limit (visits are long in a bench). */
  mains: MenuDto[];
  extras: MenuDto[];
  sandboxUrl: string;
}

/**
 * Prepares the seeded demo store through the public API only (login, tables, menus, pairing codes, pairing), so
 * the bench exercises exactly what an operator and a tablet would do.
 */
export async function prepareStore(
  baseUrl: string,
  input: { adminPassword: string; tables: number; tablets: number; stock: number | null },
): Promise<BenchStore> {
  const client = new JsonHttpClient(baseUrl, PAIRING_CONCURRENCY);
  try {
    const session = await client.expectOk<SessionDto>('POST', '/api/auth/login', {
      body: { username: 'admin', password: input.adminPassword },
    });
    const adminToken = session.accessToken;
    let tables = await client.expectOk<TableDto[]>('GET', '/api/tables', { token: adminToken });
    for (let i = tables.length; i < input.tables; i++) {
      await client.expectOk('POST', '/api/tables', { token: adminToken, body: { label: `B${i + 1}` } });
    }
    tables = (await client.expectOk<TableDto[]>('GET', '/api/tables', { token: adminToken })).slice(0, input.tables);

    const catalog = await client.expectOk<CatalogDto>('GET', '/api/admin/catalog', { token: adminToken });
    const orderable = catalog.menus.filter((m) => !m.hidden && !m.soldOut && m.limitPerVisit === null);
    for (const menu of orderable.filter((m) => m.stock !== null)) {
      await client.expectOk('PATCH', `/api/menus/${menu.id}`, { token: adminToken, body: { stock: input.stock } });
    }

    const tablets: PairedTablet[] = [];
    const pairOne = async (index: number): Promise<void> => {
      const table = tables[index % tables.length] as TableDto;
      const code = await client.expectOk<PairingCodeDto>('POST', '/api/pairing-codes', {
        token: adminToken,
        body: { role: 'table', tableId: table.id },
      });
      const device = await client.expectOk<DeviceSessionDto>('POST', '/api/devices/pair', {
        body: { code: code.code, deviceName: `bench-${index}` },
      });
      tablets[index] = { deviceId: device.deviceId, deviceToken: device.deviceToken, tableId: table.id };
    };
    for (let next = 0; next < input.tablets; next += PAIRING_CONCURRENCY) {
      await Promise.all(Array.from({ length: Math.min(PAIRING_CONCURRENCY, input.tablets - next) }, (_, i) => pairOne(next + i)));
    }

    const payment = await client.expectOk<PaymentConfigDto>('GET', '/api/payment/config');
    if (!payment.sandboxUrl) throw new Error('the bench needs the sandbox payment provider');
    return {
      adminToken,
      tables,
      tablets,
      mains: orderable.filter((m) => m.course === 'main'),
      extras: orderable.filter((m) => m.course !== 'main'),
      sandboxUrl: payment.sandboxUrl.replace('localhost', '127.0.0.1'),
    };
  } finally {
    client.close();
  }
}

/**
 * A guest's cart: 1–5 distinct lines, always with a main (a side alone is refused by rule 2, and a bench that
 * provokes refusals measures the refusal path instead of ordering), quantities 1–2.
 */
export function randomCart(store: Pick<BenchStore, 'mains' | 'extras'>, maxLines = 5): OrderLineInput[] {
  const lineCount = 1 + Math.floor(Math.random() * maxLines);
  const main = store.mains[Math.floor(Math.random() * store.mains.length)] as MenuDto;
  const chosen = new Map<string, number>([[main.id, 1 + Math.floor(Math.random() * 2)]]);
  const pool = [...store.mains, ...store.extras];
  for (let tries = 0; chosen.size < lineCount && tries < 20; tries++) {
    const menu = pool[Math.floor(Math.random() * pool.length)] as MenuDto;
    if (!chosen.has(menu.id)) chosen.set(menu.id, 1 + Math.floor(Math.random() * 2));
  }
  return [...chosen].map(([menuId, qty]) => ({ menuId, qty, options: [], note: '' }));
}
