import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import { OutboxEvent } from '@hiorder/core/outbox';
import { OrderLine } from '@hiorder/core/ordering';
import { buildOptionGroup } from '../testing/option-fixtures';
import { buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

describe('placeOrder with menu options', () => {
  let app: TestApp;
  let store: StoreFixture;
  let other: StoreFixture;
  let tablets: string[];
  let spice: OptionGroupDto;
  let extras: OptionGroupDto;
  let size: OptionGroupDto;
  let otherStoreGroup: OptionGroupDto;

  beforeAll(async () => {
    app = await createTestApp({ ADMISSION_MAX_INFLIGHT: '10000', ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '100000' });
    store = await buildStore(
      app,
      { tteok: { name: '떡볶이', price: 14000 }, noodles: { price: 9000 }, cola: { price: 2000, course: 'other' } },
      10,
    );
    other = await buildStore(app, { soup: { price: 8000 } }, 1);
    const ids = (...keys: string[]) => keys.map((k) => (store.menus[k] as Menu).id);
    spice = await buildOptionGroup(app, store, {
      name: '맵기',
      minChoices: 1,
      maxChoices: 1,
      options: [{ name: '순한맛' }, { name: '매운맛' }],
      menuIds: ids('tteok', 'noodles'),
    });
    extras = await buildOptionGroup(app, store, {
      name: '사리 추가',
      minChoices: 0,
      maxChoices: 2,
      options: [
        { name: '라면사리', priceDelta: 2000 },
        { name: '치즈', priceDelta: 1500 },
        { name: '볶음밥', priceDelta: 3000 },
      ],
      menuIds: ids('tteok'),
    });
    size = await buildOptionGroup(app, store, {
      name: '곱빼기',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: '곱빼기', priceDelta: 1000 }],
      menuIds: ids('noodles'),
    });
    otherStoreGroup = await buildOptionGroup(app, other, {
      name: 'other',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: 'x', priceDelta: 1 }],
      menuIds: [(other.menus.soup as Menu).id],
    });
    tablets = await Promise.all(store.tableIds.map((t) => pairTablet(app, store, t)));
  });
  afterAll(() => app.close());

  const place = (token: string, lines: unknown[], key = idemKey()) =>
    http(app, 'POST', '/api/orders', token, { idempotencyKey: key, lines });
  const menuId = (k: string) => (store.menus[k] as Menu).id;
  const opt = (group: OptionGroupDto, i: number) => (group.options[i] as { id: string }).id;

  it('prices options from the catalog, snapshots them with the note, and keeps different options as different lines', async () => {
    const res = await place(tablets[0] as string, [
      { menuId: menuId('tteok'), qty: 2, options: [opt(extras, 1), opt(spice, 1)], note: '덜 맵게 해주세요', unitPrice: 1 },
      { menuId: menuId('tteok'), qty: 1, options: [opt(spice, 0)] },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.total).toBe((14000 + 1500) * 2 + 14000);
    expect(res.body.lines.map((l: { unitPrice: number; note: string }) => [l.unitPrice, l.note])).toEqual([
      [15500, '덜 맵게 해주세요'],
      [14000, ''],
    ]);
    expect(res.body.lines[0].options).toEqual([
      {
        groupId: spice.id,
        groupName: { ko: '맵기', en: '맵기' },
        optionId: opt(spice, 1),
        name: { ko: '매운맛', en: '매운맛' },
        priceDelta: 0,
      },
      {
        groupId: extras.id,
        groupName: { ko: '사리 추가', en: '사리 추가' },
        optionId: opt(extras, 1),
        name: { ko: '치즈', en: '치즈' },
        priceDelta: 1500,
      },
    ]);
    // Read back through the ORM path the board and history use: the same snapshot.
    const read = await http(app, 'GET', `/api/orders/${res.body.id}`, store.staffToken);
    expect(read.body.lines).toEqual(res.body.lines);
  });

  it('keeps the snapshot when the option is renamed and repriced later', async () => {
    const placed = await place(tablets[1] as string, [{ menuId: menuId('noodles'), qty: 1, options: [opt(spice, 0), opt(size, 0)] }]);
    expect(placed.body.total).toBe(10000);
    const renamed = await http(app, 'PUT', `/api/option-groups/${size.id}`, store.adminToken, {
      name: { ko: '곱빼기', en: 'Large' },
      minChoices: 0,
      maxChoices: 1,
      options: [{ id: opt(size, 0), name: { ko: '왕곱빼기', en: 'XL' }, priceDelta: 2500 }],
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const read = await http(app, 'GET', `/api/orders/${placed.body.id}`, store.staffToken);
    expect(read.body.lines[0].options[1]).toMatchObject({ name: { ko: '곱빼기' }, priceDelta: 1000 });
    const again = await place(tablets[1] as string, [{ menuId: menuId('noodles'), qty: 1, options: [opt(spice, 0), opt(size, 0)] }]);
    expect(again.body.total).toBe(11500);
  });

  it('refuses a missing required group, too many choices, another menu’s or store’s option, naming the group, and writes nothing', async () => {
    const before = await app.em().count(OutboxEvent, {});
    const missing = await place(tablets[2] as string, [{ menuId: menuId('tteok'), qty: 1, options: [opt(extras, 0)] }]);
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('OPTION_REQUIRED');
    expect(missing.body.error.message).toContain('맵기');
    expect(missing.body.error.details.violations).toEqual([
      { code: 'OPTION_REQUIRED', menuId: menuId('tteok'), line: 0, groupId: spice.id, min: 1, chosen: 0 },
    ]);

    const tooMany = await place(tablets[2] as string, [
      { menuId: menuId('tteok'), qty: 1, options: [opt(spice, 0), opt(extras, 0), opt(extras, 1), opt(extras, 2)] },
    ]);
    expect(tooMany.body.error).toMatchObject({
      code: 'OPTION_TOO_MANY',
      details: { violations: [{ groupId: extras.id, max: 2, chosen: 3 }] },
    });
    expect(tooMany.body.error.message).toContain('사리 추가');

    for (const foreign of [opt(size, 0), opt(otherStoreGroup, 0)]) {
      const res = await place(tablets[2] as string, [{ menuId: menuId('tteok'), qty: 1, options: [opt(spice, 0), foreign] }]);
      expect(res.status).toBe(409);
      expect(res.body.error.details.violations).toEqual([
        { code: 'OPTION_UNAVAILABLE', menuId: menuId('tteok'), line: 0, groupId: null, optionId: foreign, reason: 'unknown' },
      ]);
    }
    expect(await app.em().count(OutboxEvent, {})).toBe(before);
  });

  it('answers VALIDATION_FAILED for a note over the limit or an option chosen twice, and writes nothing', async () => {
    const before = await app.em().count(OutboxEvent, {});
    const longNote = await place(tablets[2] as string, [
      { menuId: menuId('cola'), qty: 1, note: 'x'.repeat(LIMITS.maxLineNoteLength + 1) },
    ]);
    expect(longNote.status).toBe(400);
    expect(longNote.body.error.code).toBe('VALIDATION_FAILED');
    const twice = await place(tablets[2] as string, [{ menuId: menuId('tteok'), qty: 1, options: [opt(spice, 0), opt(spice, 0)] }]);
    expect(twice.body.error.code).toBe('VALIDATION_FAILED');
    expect(await app.em().count(OutboxEvent, {})).toBe(before);
  });

  it('an option sold out while 50 orders race for it: each is placed with it or refused naming it, none after the sold-out', async () => {
    const cheese = opt(extras, 1);
    const lines = [{ menuId: menuId('tteok'), qty: 1, options: [opt(spice, 0), cheese] }];
    let answered = 0;
    let soldOut: Promise<{ status: number }> | null = null;
    const racing = Array.from({ length: 50 }, (_, i) =>
      place(tablets[i % tablets.length] as string, lines).then((res) => {
        // Staff mark it sold out while the rest are still on their way.
        if (++answered === 5) soldOut = http(app, 'PATCH', `/api/options/${cheese}`, store.staffToken, { soldOut: true });
        return res;
      }),
    );
    const results = await Promise.all(racing);
    expect(soldOut, 'the sold-out request was sent').not.toBeNull();
    expect((await (soldOut as unknown as Promise<{ status: number }>)).status).toBe(200);
    const accepted = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    for (const r of refused) {
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect(r.body.error.details.violations).toEqual([
        { code: 'OPTION_UNAVAILABLE', menuId: menuId('tteok'), line: 0, groupId: extras.id, optionId: cheese, reason: 'sold_out' },
      ]);
      expect(r.body.error.message).toContain('사리 추가');
    }
    for (const r of accepted) expect(r.body.total).toBe(15500);
    // Every accepted answer is an order line in the database, and nothing more was written.
    const withCheese = (await app.em().find(OrderLine, { order: { store: store.storeId }, note: '' })).filter((l) =>
      l.options.some((o) => o.optionId === cheese),
    );
    expect(new Set(withCheese.map((l) => l.order.id))).toEqual(new Set(accepted.map((r) => r.body.id)));
    // After the sold-out committed, nobody gets it.
    const after = await Promise.all(tablets.slice(0, 5).map((t) => place(t, lines)));
    expect(after.map((r) => r.body.error?.code)).toEqual(Array(5).fill('OPTION_UNAVAILABLE'));
  });
});
