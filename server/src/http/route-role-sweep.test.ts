import { randomBytes } from 'node:crypto';
import { RoleSchema, type Role } from '@hiorder/domain/identity/identity.schemas';
import { AccessTokens } from '@hiorder/core/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOptionGroup } from '../testing/option-fixtures';
import { buildStore, createTestApp, http, idemKey, pairKitchen, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

/**
 * Every operation of the OpenAPI document, called by every kind of caller. What each caller should get is
 * derived from the route's own declaration (`x-roles`), so a route added tomorrow is swept without anyone
 * touching this file — and one that declares no roles, or is public without being listed below, or takes a
 * path parameter nobody has a fixture for, fails here until someone classifies it.
 *
 * - no token, a forged token, an expired one, a disabled account's: 401 on every non-public route;
 * - a role the route does not declare: 403;
 * - a declared role: neither 401 nor 403, never a 5xx (ids are placeholders and bodies empty, so nothing is
 *   changed; 400/404/409 are the route's own answers);
 * - another store's staff and admin, with store A's real ids: never a 2xx on a route that names a resource,
 *   and never store A's id in any answer (I7);
 * - another table of store A, with table 1's real ids: never a 2xx naming them, never its order in an answer;
 * - the kitchen, with real ids: never the unpaid order in any answer (I2).
 */

/** Routes anyone may call, on purpose. A new public route must be added here, or declare its roles. */
const PUBLIC_OPERATIONS = new Set([
  'post /api/auth/login',
  'post /api/auth/refresh',
  'post /api/auth/logout',
  'post /api/devices/pair',
  'get /api/payment/config',
  'post /api/visits/join',
  // The first start without the demo: the setup token (printed by the start banner) is the credential.
  'get /api/setup',
  'post /api/setup',
]);

const PLACEHOLDER_ID = '01900000-0000-7000-8000-00000000beef';

type Operation = { method: string; path: string; roles: readonly Role[] | 'public' };
type Caller = { name: string; token: string | undefined; role: Role | null; ids: 'placeholder' | 'real' };
type Answer = { status: number; text: string };

describe('route × role sweep over the OpenAPI document', () => {
  let app: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let operations: Operation[];
  let realIds: Record<string, string>;
  let unpaidOrderId: string;
  let callers: Caller[];

  beforeAll(async () => {
    app = await createTestApp();
    a = await buildStore(app, { bulgogi: { price: 15000, course: 'main', stock: 10 } });
    b = await buildStore(app, { cola: { price: 2000, course: 'other' } });
    const table1 = await pairTablet(app, a, a.tableIds[0] as string);
    const table2 = await pairTablet(app, a, a.tableIds[1] as string);
    const kitchen = await pairKitchen(app, a);
    const order = await http(app, 'POST', '/api/orders', table1, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (a.menus.bulgogi as { id: string }).id, qty: 1 }],
    });
    expect(order.status).toBe(201);
    unpaidOrderId = order.body.id;
    const device = await http(app, 'GET', '/api/device', table1);
    const printer = await http(app, 'POST', '/api/printers', a.adminToken, {
      name: 'Kitchen',
      host: '127.0.0.1',
      port: 9,
      duty: 'receipt',
    });
    expect(printer.status, JSON.stringify(printer.body)).toBe(201);
    const staffList = (await http(app, 'GET', '/api/staff', a.adminToken)).body as { id: string; role: string }[];
    const group = await buildOptionGroup(app, a, {
      name: '맵기',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: '순한맛' }],
      menuIds: [],
    });
    realIds = {
      orderId: unpaidOrderId,
      menuId: (a.menus.bulgogi as { id: string }).id,
      categoryId: a.categoryId,
      tableId: a.tableIds[0] as string,
      deviceId: device.body.deviceId,
      printerId: printer.body.id,
      groupId: group.id,
      optionId: (group.options[0] as { id: string }).id,
      staffId: (staffList.find((s) => s.role === 'staff') as { id: string }).id,
    };

    // A staff account whose token was issued before it was disabled.
    const username = `gone-${randomBytes(3).toString('hex')}`;
    const created = await http(app, 'POST', '/api/staff', a.adminToken, {
      username,
      displayName: 'Gone',
      password: 'password-1234',
      role: 'admin',
    });
    const disabledToken = (await http(app, 'POST', '/api/auth/login', undefined, { username, password: 'password-1234' })).body
      .accessToken as string;
    expect((await http(app, 'PATCH', `/api/staff/${created.body.id}`, a.adminToken, { disabled: true })).status).toBe(200);

    const claims = { staffId: a.adminId, storeId: a.storeId, role: 'admin' as const };
    const forged = await new AccessTokens(randomBytes(32).toString('hex')).sign(claims, new Date());
    const expired = await app.server.app.deps.tokens.sign(claims, new Date(Date.now() - 2 * 3600 * 1000));
    const tableOfB = await pairTablet(app, b, b.tableIds[0] as string);
    callers = [
      { name: 'table', token: table1, role: 'table', ids: 'placeholder' },
      { name: 'kitchen', token: kitchen, role: 'kitchen', ids: 'real' },
      { name: 'staff', token: a.staffToken, role: 'staff', ids: 'placeholder' },
      { name: 'admin', token: a.adminToken, role: 'admin', ids: 'placeholder' },
      { name: 'other table', token: table2, role: 'table', ids: 'real' },
      { name: "another store's table", token: tableOfB, role: 'table', ids: 'real' },
      { name: "another store's staff", token: b.staffToken, role: 'staff', ids: 'real' },
      { name: "another store's admin", token: b.adminToken, role: 'admin', ids: 'real' },
      { name: 'disabled staff', token: disabledToken, role: null, ids: 'real' },
      { name: 'forged token', token: forged, role: null, ids: 'real' },
      { name: 'forged device token', token: `dev_${randomBytes(32).toString('base64url')}`, role: null, ids: 'real' },
      { name: 'expired token', token: expired, role: null, ids: 'real' },
      { name: 'no token', token: undefined, role: null, ids: 'real' },
    ];

    const doc = (await http(app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { 'x-roles'?: unknown }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method, path, roles: op['x-roles'] as Operation['roles'] })),
    );
  });
  afterAll(() => app.close());

  it('knows who may call every operation: declared roles, or listed as public on purpose', () => {
    expect(operations.length).toBeGreaterThan(40);
    // Money leaves the store on these: staff only, swept below like every other operation.
    for (const path of ['/api/orders/{orderId}/refund', '/api/orders/{orderId}/cancel', '/api/orders/{orderId}/settle'])
      expect(operations.find((op) => op.method === 'post' && op.path === path)?.roles, path).toEqual(['admin', 'staff']);
    // Store settings are swept like any route: staff read them, only an admin changes them.
    expect(operations.filter((op) => op.path.startsWith('/api/store/attract-screen'))).toEqual([
      { method: 'get', path: '/api/store/attract-screen', roles: ['admin', 'staff'] },
      { method: 'put', path: '/api/store/attract-screen', roles: ['admin'] },
      { method: 'post', path: '/api/store/attract-screen/images', roles: ['admin'] },
    ]);
    // The workers' set-aside events name event ids and errors: operations (admin) only.
    expect(operations.find((op) => op.method === 'get' && op.path === '/api/ops/event-failures')?.roles).toEqual(['admin']);
    // Routes whose roles matter most to a service (who may silence an alarm, who may edit the tablet's buttons).
    expect(operations.map((op) => `${op.method} ${op.path}`)).toEqual(
      expect.arrayContaining(['post /api/alarms/acknowledge', 'get /api/store/staff-call-presets', 'put /api/store/staff-call-presets']),
    );
    const unclassified = operations.filter((op) => {
      if (op.roles === 'public') return !PUBLIC_OPERATIONS.has(`${op.method} ${op.path}`);
      return !Array.isArray(op.roles) || op.roles.length === 0 || !op.roles.every((r) => RoleSchema.safeParse(r).success);
    });
    expect(
      unclassified.map((op) => `${op.method} ${op.path} (${JSON.stringify(op.roles)})`),
      'declare roles, or add to PUBLIC_OPERATIONS',
    ).toEqual([]);
    const params = new Set(operations.flatMap((op) => [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)));
    expect(
      [...params].filter((p) => !(p in realIds)),
      'add a fixture id for these path parameters',
    ).toEqual([]);
  });

  it('answers every operation to every caller as its declaration says', async () => {
    const problems: string[] = [];
    for (const op of operations) {
      const named = /\{\w+\}/.test(op.path);
      for (const caller of callers) {
        if (op.roles === 'public') continue;
        const answer = await call(op, caller);
        const where = `${caller.name}: ${op.method.toUpperCase()} ${op.path} → ${answer.status} ${answer.text.slice(0, 160)}`;
        const allowed = caller.role !== null && op.roles.includes(caller.role);
        if (answer.status >= 500) problems.push(`5xx — ${where}`);
        if (caller.role === null && answer.status !== 401) problems.push(`expected 401 — ${where}`);
        if (caller.role !== null && !allowed && answer.status !== 403) problems.push(`expected 403 — ${where}`);
        if (allowed && (answer.status === 401 || answer.status === 403))
          problems.push(`expected the route's own answer, not ${answer.status} — ${where}`);
        if (caller.name.startsWith('another store') && (answer.text.includes(a.storeId) || (named && answer.status < 300)))
          problems.push(`store A leaked (I7) — ${where}`);
        if (
          caller.name === 'other table' &&
          (answer.text.includes(unpaidOrderId) || (named && op.path.includes('{orderId}') && answer.status < 300))
        )
          problems.push(`table 1's order leaked (I7) — ${where}`);
        if (caller.name === 'kitchen' && answer.text.includes(unpaidOrderId))
          problems.push(`unpaid order shown to the kitchen (I2) — ${where}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000); // ~1000 calls: a bound against hanging (60 s ran out on PostgreSQL on a loaded machine), not a budget

  it('lets anyone call the public operations without a 5xx', async () => {
    for (const op of operations.filter((o) => o.roles === 'public')) {
      const answer = await call(op, { name: 'no token', token: undefined, role: null, ids: 'placeholder' });
      expect(answer.status, `${op.method} ${op.path}`).toBeLessThan(500);
    }
  });

  async function call(op: Operation, caller: Caller): Promise<Answer> {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      caller.ids === 'real' ? (realIds[name] ?? PLACEHOLDER_ID) : PLACEHOLDER_ID,
    );
    const res = await http(
      app,
      op.method.toUpperCase(),
      path,
      caller.token,
      op.method === 'get' || op.method === 'delete' ? undefined : {},
    );
    return { status: res.status, text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) };
  }
});
