import type { Role } from '@hiorder/domain/identity/identity.schemas';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOptionGroup } from '../testing/option-fixtures';
import {
  authorizeCard,
  buildStore,
  createTestApp,
  http,
  idemKey,
  pairKitchen,
  pairTablet,
  type StoreFixture,
  type TestApp,
} from '../testing/test-app';
import { waitUntil } from '../testing/wait';

/**
 * Several stores on one server (I7): every operation of the OpenAPI document, called by each caller of store A that
 * may call it (admin, staff, a table, the kitchen), aimed at store B's resources — B's ids in the path, and B's ids
 * inside bodies that name other resources (a menu's category, a move's target table, an order line's menu, a
 * printer's backup…), also mixed with A's own ids in the path.
 *
 * The oracle: B's real id gets exactly the answer a random id gets (same status and code: nothing tells that B's
 * resource exists), a 404 or 403 when the id is in the path, never a 2xx; answers to A's own lists never carry an id
 * of B; and afterwards not one row of the database differs (only the devices' last-seen times of A move).
 * A route added tomorrow fails the classification test until it says which ids its body names.
 */

const PLACEHOLDER_ID = '01900000-0000-7000-8000-00000000beef';
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

type Ids = Record<string, string>;
/** A body for an operation, given whose ids to put in it (B's real ones or placeholders) and A's own ids. */
type BodyOf = (their: Ids, own: Ids) => unknown;
type Variant = { name: string; path?: (their: Ids, own: Ids) => string; body: BodyOf };

/** Bodies of the operations with a path parameter: valid, so the route reaches its store check. */
const NAMED_BODIES: Record<string, BodyOf> = {
  'patch /api/categories/{categoryId}': () => ({ name: { ko: '바뀜', en: 'changed' } }),
  'put /api/categories/{categoryId}/menus/order': (t) => ({ ids: [t.menuId] }),
  'patch /api/menus/{menuId}': () => ({ soldOut: true, price: 1 }),
  'put /api/option-groups/{groupId}': (t) => ({
    name: { ko: '맵기', en: 'Heat' },
    minChoices: 0,
    maxChoices: 1,
    options: [{ id: t.optionId, name: { ko: '순한맛', en: 'Mild' }, priceDelta: 0 }],
  }),
  'patch /api/options/{optionId}': () => ({ soldOut: true }),
  'post /api/menus/{menuId}/sold-out': () => ({ soldOut: true }),
  'post /api/menus/{menuId}/duplicate': () => ({}),
  'patch /api/tables/{tableId}': () => ({ label: 'taken' }),
  'patch /api/staff/{staffId}': () => ({ disabled: true }),
  'post /api/orders/{orderId}/pay': () => ({ paymentKey: 'pk_unknown' }),
  'post /api/orders/{orderId}/bump': () => ({ ready: true }),
  'post /api/orders/{orderId}/cancel': () => ({ reason: '재료 소진' }),
  'post /api/tables/{tableId}/close-visit': () => ({ force: true }),
  'post /api/tables/{tableId}/move-visit': (t) => ({ toTableId: t.freeTableId }),
  'post /api/tables/{tableId}/merge-visit': (t) => ({ intoTableId: t.otherBusyTableId }),
  'post /api/orders/{orderId}/move': (t) => ({ toTableId: t.freeTableId }),
  'post /api/orders/{orderId}/settle': () => ({ method: 'cash' }),
  'patch /api/printers/{printerId}': () => ({ name: 'taken' }),
  'post /api/orders/{orderId}/reprint': () => ({}),
  'post /api/orders/{orderId}/accept': () => ({}),
  'post /api/orders/{orderId}/serve': () => ({}),
  'post /api/orders/{orderId}/pay-at-counter': () => ({}),
  'post /api/printers/{printerId}/test': () => ({}),
  'post /api/tables/{tableId}/bill/print': () => ({}),
  'post /api/orders/{orderId}/shares': () => ({ shareId: newId(), spec: { kind: 'rest' }, amount: 1000, paymentKey: 'pk_unknown' }),
  'post /api/orders/{orderId}/refund': (t) => ({
    idempotencyKey: idemKey(),
    lines: [{ lineId: t.lineId, qty: 1 }],
    reason: '재료 소진',
    restock: true,
  }),
};

/**
 * Operations whose body names resources: B's ids in the body, alone or with A's ids in the path. The value A's
 * own id would be in the same place is the control: `own` resources exist, so only the foreign id can refuse it.
 */
const BODY_ID_VARIANTS: Record<string, Variant[]> = {
  'post /api/menus': [
    { name: "B's category", body: (t) => ({ categoryId: t.categoryId, name: { ko: '침입', en: 'x' }, price: 1000, course: 'main' }) },
    {
      name: "B's option group on A's category",
      body: (t, o) => ({
        categoryId: o.categoryId,
        name: { ko: '침입', en: 'x' },
        price: 1000,
        course: 'main',
        optionGroupIds: [t.groupId],
      }),
    },
  ],
  'patch /api/menus/{menuId}': [
    { name: "A's menu into B's category", path: (_, o) => `/api/menus/${o.menuId}`, body: (t) => ({ categoryId: t.categoryId }) },
    { name: "B's option group on A's menu", path: (_, o) => `/api/menus/${o.menuId}`, body: (t) => ({ optionGroupIds: [t.groupId] }) },
  ],
  'put /api/categories/order': [{ name: "B's category", body: (t, o) => ({ ids: [o.categoryId, t.categoryId] }) }],
  'put /api/categories/{categoryId}/menus/order': [
    {
      name: "B's menu in A's category",
      path: (_, o) => `/api/categories/${o.categoryId}/menus/order`,
      body: (t, o) => ({ ids: [o.menuId, t.menuId] }),
    },
  ],
  'put /api/option-groups/{groupId}': [
    {
      name: "B's option in A's group",
      path: (_, o) => `/api/option-groups/${o.groupId}`,
      body: (t) => ({
        name: { ko: '맵기', en: 'Heat' },
        minChoices: 0,
        maxChoices: 1,
        options: [{ id: t.optionId, name: { ko: '훔침', en: 'x' }, priceDelta: 0 }],
      }),
    },
  ],
  'post /api/option-groups': [
    {
      name: "B's option id",
      body: (t) => ({
        name: { ko: '맵기', en: 'Heat' },
        minChoices: 0,
        maxChoices: 1,
        options: [{ id: t.optionId, name: { ko: '훔침', en: 'x' }, priceDelta: 0 }],
      }),
    },
  ],
  'post /api/pairing-codes': [{ name: "B's table", body: (t) => ({ role: 'table', tableId: t.tableId }) }],
  'post /api/orders': [
    { name: "B's menu", body: (t) => ({ idempotencyKey: idemKey(), lines: [{ menuId: t.menuId, qty: 1 }] }) },
    {
      name: "B's option on A's menu",
      body: (t, o) => ({ idempotencyKey: idemKey(), lines: [{ menuId: o.menuId, qty: 1, options: [t.optionId] }] }),
    },
  ],
  'post /api/tables/{tableId}/move-visit': [
    {
      name: "A's visit to B's free table",
      path: (_, o) => `/api/tables/${o.tableId}/move-visit`,
      body: (t) => ({ toTableId: t.freeTableId }),
    },
  ],
  'post /api/tables/{tableId}/merge-visit': [
    { name: "A's visit into B's visit", path: (_, o) => `/api/tables/${o.tableId}/merge-visit`, body: (t) => ({ intoTableId: t.tableId }) },
  ],
  'post /api/orders/{orderId}/move': [
    { name: "A's order to B's table", path: (_, o) => `/api/orders/${o.orderId}/move`, body: (t) => ({ toTableId: t.tableId }) },
  ],
  'post /api/orders/{orderId}/bump': [
    { name: "B's order lines on A's order", path: (_, o) => `/api/orders/${o.orderId}/bump`, body: (t) => ({ lineIds: [t.lineId] }) },
  ],
  'post /api/orders/{orderId}/shares': [
    {
      name: "B's order lines as a share of A's order",
      path: (_, o) => `/api/orders/${o.orderId}/shares`,
      body: (t) => ({ shareId: newId(), spec: { kind: 'lines', lineIds: [t.lineId] }, amount: 1000, paymentKey: 'pk_unknown' }),
    },
  ],
  'post /api/orders/{orderId}/refund': [
    {
      name: "B's order line refunded on A's order",
      path: (_, o) => `/api/orders/${o.orderId}/refund`,
      body: (t) => ({ idempotencyKey: idemKey(), lines: [{ lineId: t.lineId, qty: 1 }], reason: '재료 소진', restock: true }),
    },
  ],
  'post /api/alarms/acknowledge': [{ name: "B's paid order", body: (t) => ({ orderIds: [t.orderId], staffCallIds: [] }) }],
  'put /api/store/attract-screen': [
    {
      name: "B's menu as a slide",
      body: (t) => ({
        enabled: true,
        idleSeconds: 60,
        title: { ko: '', en: '' },
        message: { ko: '', en: '' },
        slides: [{ kind: 'menu', menuId: t.menuId }],
      }),
    },
  ],
  'post /api/printers': [
    {
      name: "B's printer as backup",
      body: (t) => ({ name: 'x', host: '127.0.0.1', port: 9, duty: 'kitchen', backupPrinterId: t.printerId }),
    },
  ],
  'patch /api/printers/{printerId}': [
    { name: "B's printer as A's backup", path: (_, o) => `/api/printers/${o.printerId}`, body: (t) => ({ backupPrinterId: t.printerId }) },
  ],
};

/** Operations without a path parameter whose body names no resource: they act on the caller's own store only. */
const OWN_STORE_ONLY = new Set([
  'post /api/categories',
  'put /api/store/business-day',
  'put /api/store/settings',
  'post /api/tables',
  'post /api/staff',
  'put /api/store/visit-settings',
  'post /api/staff-calls',
  // Opens the queue dashboard's cookie for the caller's own session (admin only); names nothing.
  'post /api/queues/session',
  // Not reached by this list (a GET), classified here all the same: the workers' set-aside events of the caller's
  // own store only (its query names no resource); workers/src/poison-event.test.ts shows store B's admin an empty list.
  'get /api/ops/event-failures',
  // The QR code of the caller's own visit (table only); names nothing.
  'post /api/visit/join-code',
  // An uploaded image for the caller's own attract screen (multipart); names nothing.
  'post /api/store/attract-screen/images',
  // The whole list of the caller's own staff-call buttons: its ids are keys inside that list, no resource of a store.
  'put /api/store/staff-call-presets',
]);

type Operation = { method: string; path: string; roles: readonly Role[] | 'public'; hasBody: boolean };
type Answer = { status: number; code: string | null; text: string };

describe('store isolation sweep: store A against store B, every operation', () => {
  let app: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let operations: Operation[];
  let callers: { role: Role; token: string }[];
  const theirs: Ids = {};
  const own: Ids = {};
  const placeholders: Ids = {};

  /** B's ids, any of which in an answer to A is a leak. */
  let foreignIds: string[];

  async function storeResources(s: StoreFixture, ids: Ids, paid: boolean): Promise<void> {
    const menuId = (s.menus.bulgogi as { id: string }).id;
    const tablet = await pairTablet(app, s, s.tableIds[0] as string);
    await pairTablet(app, s, s.tableIds[1] as string);
    await pairKitchen(app, s);
    // Two busy tables (one order each) and a free one, so moves and merges have a valid target in their store.
    const orders = [];
    for (const t of [s.tableIds[0], s.tableIds[1]] as string[]) {
      const token = t === s.tableIds[0] ? tablet : await pairTablet(app, s, t);
      const placed = await http(app, 'POST', '/api/orders', token, { idempotencyKey: idemKey(), lines: [{ menuId, qty: 1 }] });
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
      orders.push(placed.body);
    }
    const order = orders[0];
    if (paid) {
      const paymentKey = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.approve);
      expect((await http(app, 'POST', `/api/orders/${order.id}/pay`, tablet, { paymentKey })).status).toBe(200);
    }
    const printer = await http(app, 'POST', '/api/printers', s.adminToken, {
      name: 'Kitchen',
      host: '127.0.0.1',
      port: 9,
      duty: 'receipt',
    });
    expect(printer.status).toBe(201);
    const group = await buildOptionGroup(app, s, {
      name: '맵기',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: '순한맛' }],
      menuIds: [menuId],
    });
    const staff = (await http(app, 'GET', '/api/staff', s.adminToken)).body as { id: string; role: string }[];
    const devices = ((await http(app, 'GET', '/api/tables', s.adminToken)).body as { devices: { id: string }[] }[]).flatMap(
      (t) => t.devices,
    );
    Object.assign(ids, {
      storeId: s.storeId,
      menuId,
      categoryId: s.categoryId,
      tableId: s.tableIds[0],
      otherBusyTableId: s.tableIds[1],
      freeTableId: s.tableIds[2],
      orderId: order.id,
      lineId: order.lines[0].id,
      deviceId: devices[0]?.id,
      printerId: printer.body.id,
      groupId: group.id,
      optionId: group.options[0]?.id,
      staffId: (staff.find((m) => m.role === 'staff') as { id: string }).id,
      tablet,
    });
  }

  beforeAll(async () => {
    app = await createTestApp();
    a = await buildStore(app, { bulgogi: { price: 15000, course: 'main', stock: 50 } });
    b = await buildStore(app, { bulgogi: { price: 15000, course: 'main', stock: 50 } });
    await storeResources(b, theirs, true);
    await storeResources(a, own, false);
    // One id per resource that exists nowhere (distinct, so 'onto itself' checks do not fire where B's ids differ).
    Object.keys(theirs).forEach((key, i) => (placeholders[key] = `01900000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`));
    foreignIds = Object.entries(theirs)
      .filter(([k]) => k !== 'tablet')
      .map(([, v]) => v);
    callers = [
      { role: 'admin', token: a.adminToken },
      { role: 'staff', token: a.staffToken },
      { role: 'table', token: own.tablet as string },
      { role: 'kitchen', token: await pairKitchen(app, a) },
    ];
    const doc = (await http(app, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-roles'?: Operation['roles']; requestBody?: unknown }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method,
        path,
        roles: op['x-roles'] ?? 'public',
        hasBody: op.requestBody !== undefined,
      })),
    );
  });
  afterAll(() => app.close());

  it('knows what every operation names: path ids, body ids, or the caller’s own store only', () => {
    const unclassified = operations.filter((op) => {
      const key = `${op.method} ${op.path}`;
      if (op.roles === 'public' || op.method === 'get') return false;
      if (/\{\w+\}/.test(op.path)) return !(key in NAMED_BODIES) && !(op.method === 'delete' || key.endsWith('/photo'));
      return !(key in BODY_ID_VARIANTS) && !OWN_STORE_ONLY.has(key);
    });
    expect(
      unclassified.map((op) => `${op.method} ${op.path}`),
      'give a body in NAMED_BODIES, list the ids its body names in BODY_ID_VARIANTS, or add it to OWN_STORE_ONLY',
    ).toEqual([]);
  });

  it("answers B's ids as it answers ids that exist nowhere, and changes nothing", async () => {
    await settled();
    const before = await snapshot();
    const problems: string[] = [];
    let attempts = 0;
    for (const op of operations) {
      if (op.roles === 'public') continue;
      const key = `${op.method} ${op.path}`;
      const named = /\{\w+\}/.test(op.path);
      for (const caller of callers.filter((c) => (op.roles as readonly Role[]).includes(c.role))) {
        const variants: Variant[] = [
          ...(named ? [{ name: "B's ids in the path", body: NAMED_BODIES[key] ?? (() => undefined) }] : []),
          ...(BODY_ID_VARIANTS[key] ?? []),
        ];
        if (variants.length === 0) {
          if (op.method !== 'get') continue;
          // A's own list: answered, and nothing of B in it.
          const answer = await call(op.method, op.path, caller.token, undefined);
          attempts += 1;
          if (answer.status >= 500) problems.push(`5xx — ${caller.role} ${key} → ${answer.status}`);
          const leaked = foreignIds.filter((id) => answer.text.includes(id));
          if (leaked.length > 0) problems.push(`B's ids in A's answer — ${caller.role} ${key}: ${leaked.join(', ')}`);
          continue;
        }
        for (const variant of variants) {
          const pathOf = (ids: Ids) =>
            variant.path ? variant.path(ids, own) : op.path.replace(/\{(\w+)\}/g, (_, n: string) => ids[n] ?? PLACEHOLDER_ID);
          const foreignPath = pathOf(theirs);
          const foreignBody = variant.body(theirs, own);
          const foreign = await call(op.method, foreignPath, caller.token, foreignBody);
          const nowhere = await call(op.method, pathOf(placeholders), caller.token, variant.body(placeholders, own));
          attempts += 1;
          const where = `${caller.role} ${key} (${variant.name}) → ${foreign.status} ${foreign.text.slice(0, 160)}`;
          if (foreign.status < 400) problems.push(`acted on store B — ${where}`);
          if (foreign.status >= 500) problems.push(`5xx — ${where}`);
          if (named && !variant.path && foreign.status !== 404 && foreign.status !== 403) problems.push(`expected 404 or 403 — ${where}`);
          if (foreign.status !== nowhere.status || foreign.code !== nowhere.code)
            problems.push(`B's id answered unlike a missing one (${nowhere.status} ${nowhere.code}) — ${where}`);
          // An error may name the ids it was given (the caller knew them); any other id of B is a leak.
          const sent = `${foreignPath} ${JSON.stringify(foreignBody ?? null)}`;
          const leaked = foreignIds.filter((id) => !sent.includes(id) && foreign.text.includes(id));
          if (leaked.length > 0) problems.push(`B's ids in the answer (${leaked.join(', ')}) — ${where}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(attempts).toBeGreaterThan(100);
    await settled();
    expect(diff(before, await snapshot()), 'rows changed by calls of store A against store B').toEqual([]);
  }, 300_000); // about 400 calls: a bound against hanging on a loaded machine, not a budget

  async function call(method: string, path: string, token: string, body: unknown): Promise<Answer> {
    let status: number;
    let text: string;
    if (path.endsWith('/photo')) {
      const form = new FormData();
      form.append('photo', new Blob([PNG_1x1], { type: 'image/png' }), 'dish.png');
      const res = await fetch(`${app.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      status = res.status;
      text = await res.text();
    } else {
      const res = await http(app, method.toUpperCase(), path, token, method === 'get' || method === 'delete' ? undefined : (body ?? {}));
      status = res.status;
      text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    }
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      // not JSON (a file answer): no code
    }
    return { status, code, text };
  }

  /** Waits until the fixtures' events are applied by every processor, so read models stop moving by themselves. */
  async function settled(): Promise<void> {
    const conn = app.em().getConnection();
    await waitUntil(
      "the fixtures' events to be applied by every processor",
      async () =>
        Number((await conn.execute<{ n: number | string }[]>('select count(*) as n from outbox_event where applied_at is null'))[0]?.n) ===
        0,
      60_000,
    );
  }

  /**
   * Every row of every table, less the relay's lease (renewed by time) and the devices' last-seen time (A's own
   * calls move it).
   */
  async function snapshot(): Promise<Map<string, string[]>> {
    const conn = app.em().getConnection();
    const names = app.db.url.startsWith('sqlite')
      ? await conn.execute<{ name: string }[]>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      : await conn.execute<{ name: string }[]>('select tablename as name from pg_tables where schemaname = current_schema()');
    const tables = new Map<string, string[]>();
    for (const { name } of names) {
      if (name === 'relay_lease') continue;
      const rows = await conn.execute<Record<string, unknown>[]>(`select * from "${name}"`);
      tables.set(
        name,
        rows
          .map((row) => {
            const copy: Record<string, unknown> = { ...row };
            if (name === 'device') delete copy.last_seen_at;
            return JSON.stringify(copy, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
          })
          .sort(),
      );
    }
    return tables;
  }

  function diff(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
    const changes: string[] = [];
    for (const [name, rows] of after) {
      const old = new Set(before.get(name) ?? []);
      const now = new Set(rows);
      for (const row of rows) if (!old.has(row)) changes.push(`${name} + ${row.slice(0, 200)}`);
      for (const row of old) if (!now.has(row)) changes.push(`${name} - ${row.slice(0, 200)}`);
    }
    return changes;
  }
});
