import { randomBytes } from 'node:crypto';
import type { Course } from '@hiorder/domain/catalog/catalog.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import { Category } from '../catalog/category.entity';
import { Menu } from '../catalog/menu.entity';
import type { EntityManager } from '../db/orm';
import { DiningTable } from '../identity/dining-table.entity';
import { createPairingCode, pairDevice } from '../identity/pairing';
import { hashPassword } from '../identity/passwords';
import { Staff } from '../identity/staff.entity';
import { Store } from '../identity/store.entity';
import type { AccessTokens } from '../identity/tokens';

/**
 * Test fixtures built through the ORM and the real pairing commands (never the demo seed): a store with an
 * admin, a staff member, tables and a catalog, and paired devices. Shared by the server's and the workers' tests.
 */

export interface MenuSpec {
  name?: string;
  price?: number;
  course?: Course;
  stock?: number | null;
  limitPerVisit?: number | null;
  soldOut?: boolean;
  hidden?: boolean;
}

/** A store with an admin, tables and a catalog, built through the ORM (never the demo seed). */
export interface StoreFixture {
  storeId: string;
  adminId: string;
  adminUsername: string;
  adminPassword: string;
  tableIds: string[];
  categoryId: string;
  menus: Record<string, Menu>;
  adminToken: string;
  staffToken: string;
}

/**
 * Where fixtures are built: an open database (`em`), the signer of staff tokens and the public URL pairing links
 * name. A server's test app, a test core (`test-core.ts`), or a database opened by a test whose server runs as a
 * child process (crash tests).
 */
export interface FixtureHost {
  url: string;
  em(): EntityManager;
  tokens: AccessTokens;
}

export async function buildStore(app: FixtureHost, menus: Record<string, MenuSpec>, tables = 3): Promise<StoreFixture> {
  const em = app.em();
  const now = new Date();
  const storeId = newId();
  const adminId = newId();
  const staffId = newId();
  const adminUsername = `admin-${randomBytes(4).toString('hex')}`;
  const adminPassword = 'correct-horse-battery';
  const passwordHash = await hashPassword(adminPassword);
  const built: Record<string, Menu> = {};
  let categoryId = '';
  const tableIds: string[] = [];
  await em.transactional(async (tx) => {
    tx.create(Store, {
      id: storeId,
      slug: `s-${storeId.slice(-8)}`,
      name: 'Test store',
      timeZone: 'Asia/Seoul',
      catalogVersion: 1,
      lastEventSeq: 0,
      createdAt: now,
    });
    tx.create(Staff, {
      id: adminId,
      store: storeId,
      username: adminUsername,
      displayName: 'Admin',
      passwordHash,
      role: 'admin',
      disabled: false,
      sessionVersion: 0,
      createdAt: now,
    });
    tx.create(Staff, {
      id: staffId,
      store: storeId,
      username: `staff-${randomBytes(4).toString('hex')}`,
      displayName: 'Staff',
      passwordHash,
      role: 'staff',
      disabled: false,
      sessionVersion: 0,
      createdAt: now,
    });
    for (let i = 1; i <= tables; i++) {
      const id = newId();
      tableIds.push(id);
      tx.create(DiningTable, { id, store: storeId, label: `T${i}`, position: i, lockVersion: 0, createdAt: now });
    }
    const category = tx.create(Category, {
      id: newId(),
      store: storeId,
      nameKo: '메뉴',
      nameEn: 'Menu',
      position: 1,
      station: 'kitchen',
      createdAt: now,
    });
    categoryId = category.id;
    let position = 0;
    for (const [key, spec] of Object.entries(menus)) {
      built[key] = tx.create(Menu, {
        id: newId(),
        store: storeId,
        category,
        nameKo: spec.name ?? key,
        nameEn: spec.name ?? key,
        descriptionKo: '',
        descriptionEn: '',
        price: spec.price ?? 10000,
        photoFile: null,
        course: spec.course ?? 'main',
        stock: spec.stock ?? null,
        limitPerVisit: spec.limitPerVisit ?? null,
        soldOut: spec.soldOut ?? false,
        hidden: spec.hidden ?? false,
        recommended: false,
        position: ++position,
        optionGroupIds: [],
        deletedAt: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
  const tokens = app.tokens;
  return {
    storeId,
    adminId,
    adminUsername,
    adminPassword,
    tableIds,
    categoryId,
    menus: built,
    adminToken: await tokens.sign({ staffId: adminId, storeId, role: 'admin' }, now),
    staffToken: await tokens.sign({ staffId, storeId, role: 'staff' }, now),
  };
}

/** Pairs a device through the real pairing commands and returns its token. */
export async function pairTablet(app: FixtureHost, store: StoreFixture, tableId: string): Promise<string> {
  const em = app.em();
  const code = await createPairingCode(
    { em, now: new Date(), actor: { kind: 'staff', role: 'admin', staffId: store.adminId, storeId: store.storeId }, publicUrl: app.url },
    { role: 'table', tableId },
  );
  return (await pairDevice({ em: app.em(), now: new Date() }, { code: code.code })).deviceToken;
}

export async function pairKitchen(app: FixtureHost, store: StoreFixture): Promise<string> {
  const em = app.em();
  const code = await createPairingCode(
    { em, now: new Date(), actor: { kind: 'staff', role: 'admin', staffId: store.adminId, storeId: store.storeId }, publicUrl: app.url },
    { role: 'kitchen' },
  );
  return (await pairDevice({ em: app.em(), now: new Date() }, { code: code.code })).deviceToken;
}
