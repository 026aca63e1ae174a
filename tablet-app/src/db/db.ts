import { DEFAULT_STAFF_CALL_PRESETS, type StaffCallPreset } from '@hiorder/domain/ordering/staff-call.schemas';
import Dexie, { type EntityTable } from 'dexie';
import { AttractScreenSchema, DEFAULT_ATTRACT_SCREEN, type AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { ChosenOption, OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import type { DeviceSessionDto } from '@hiorder/domain/identity/identity.schemas';
import { OrderDtoSchema, type OrderDto, type OrderPlace } from '@hiorder/domain/ordering/ordering.schemas';
import type { ErrorBody } from '@hiorder/domain/shared/errors';

/**
 * Everything the tablet keeps across reloads and power cuts. Components read these tables with
 * `useLiveQuery`; only the `actions.ts` of each feature (and `src/sync/`) write them, each in one transaction.
 */

/**
 * A cart line: one menu with its chosen options and note (`key` = `cartLineKey`, so the same choice adds up and a
 * different one is another line). `chosen` is what the guest saw when adding (names and deltas) for the cart's
 * display; the rules and the server go by the option ids in `options` against the current catalog.
 */
export interface CartLine {
  key: string;
  menuId: string;
  qty: number;
  options: string[];
  chosen: ChosenOption[];
  note: string;
  addedAt: number;
}

/**
 * One placement waiting in (or done with) the outbox. `id` is the idempotency key sent to the server, so a
 * resend after a lost ack can never make a second order (rule 5).
 */
export type OutboxState =
  /** Written, not sent yet (or sent and no answer came back: sent again with the same key). */
  | 'queued'
  /** On the wire, waiting for the ack. A reload finds it here only after a crash: it is sent again. */
  | 'sending'
  /** The server said BUSY: sent again at `nextAttemptAt`, automatically. */
  | 'busy'
  /** The server acknowledged it: `orderId` is the order. */
  | 'placed'
  /** The server refused it for a reason a resend can't fix (rules, validation). */
  | 'rejected';

export interface OutboxRow {
  id: string;
  input: OrderPlace;
  state: OutboxState;
  attempts: number;
  createdAt: number;
  /** Not before this time (epoch ms); backoff after transport failures, `retryAfterMs` after BUSY. */
  nextAttemptAt: number;
  lastError: ErrorBody | null;
  orderId: string | null;
}

export interface KvRow {
  key: 'session' | 'catalog' | 'locale' | 'attract' | 'staffCallPresets' | 'orderNote';
  value: unknown;
}

export interface CatalogMeta {
  storeId: string;
  version: number;
  syncedAt: number;
}

export type StoredSession = DeviceSessionDto;

export class TabletDb extends Dexie {
  kv!: EntityTable<KvRow, 'key'>;
  categories!: EntityTable<CategoryDto, 'id'>;
  menus!: EntityTable<MenuDto, 'id'>;
  cart!: EntityTable<CartLine, 'key'>;
  optionGroups!: EntityTable<OptionGroupDto, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  orders!: EntityTable<OrderDto, 'id'>;

  constructor(name = 'hiorder-tablet') {
    super(name);
    this.version(1).stores({
      kv: 'key',
      categories: 'id, position',
      menus: 'id, categoryId, position',
      cart: 'menuId, addedAt',
      outbox: 'id, state, createdAt',
      orders: 'id, createdAt, visitId',
    });
    // Cart lines are keyed by menu + options + note now; IndexedDB can't change a primary key in place, so the
    // old cart table is dropped (its lines are lost once, at the upgrade) and made again.
    this.version(2).stores({ cart: null });
    this.version(3).stores({ cart: 'key, addedAt, menuId', optionGroups: 'id' });
    // Orders kept from before partial refunds get their (empty) refund fields, as the server's schema defaults them.
    this.version(4)
      .stores({})
      .upgrade((tx) =>
        tx
          .table<OrderDto, string>('orders')
          .toCollection()
          .modify((order) => {
            const kept = OrderDtoSchema.safeParse(order);
            if (kept.success) Object.assign(order, kept.data);
          }),
      );
  }
}

export const db = new TabletDb();

/** The store's staff-call presets, kept with the catalog (`replaceCatalog`); the defaults before the first sync. */
export async function readStaffCallPresets(): Promise<StaffCallPreset[]> {
  const row = await db.kv.get('staffCallPresets');
  // Written by replaceCatalog only, from the parsed CatalogDto.
  return (row?.value as StaffCallPreset[] | undefined) ?? [...DEFAULT_STAFF_CALL_PRESETS];
}

export async function readCatalogMeta(): Promise<CatalogMeta | null> {
  const row = await db.kv.get('catalog');
  return (row?.value as CatalogMeta | undefined) ?? null;
}

/** The guest's request for the whole order, typed in the cart (kept with the cart, sent with the next order). */
export async function readOrderNote(): Promise<string> {
  const row = await db.kv.get('orderNote');
  return typeof row?.value === 'string' ? row.value : '';
}

export async function readSession(): Promise<StoredSession | null> {
  const row = await db.kv.get('session');
  return (row?.value as StoredSession | undefined) ?? null;
}

/** The owner's attract screen as the last catalog brought it (the default before the first sync). */
export async function readAttractScreen(): Promise<AttractScreen> {
  const row = await db.kv.get('attract');
  const parsed = AttractScreenSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_ATTRACT_SCREEN;
}
