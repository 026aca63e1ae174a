import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import type { PrinterDuty } from '@hiorder/domain/printing/printing.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Category, Menu } from '@hiorder/core/catalog';
import { authorizeCard, buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { buildOptionGroup } from '../testing/option-fixtures';
import { VirtualPrinter } from '@hiorder/core/testing';
import { PrintDispatcher, PRINTED_JOB_RETENTION_MS, PrintJob } from '@hiorder/core/printing';
import { pino } from 'pino';
import { waitUntil } from '../testing/wait';

describe('kitchen printing', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;
  let sojuId: string;
  const printers: VirtualPrinter[] = [];

  beforeAll(async () => {
    app = await createTestApp({ PRINTER_TIMEOUT_MS: '300', PRINT_RETRY_MS: '40', PRINT_POLL_MS: '40' });
    store = await buildStore(app, { 양념갈비: { price: 15000 }, 해물파전: { price: 12000 } });
    // A second category on the bar station, as a real store has.
    const em = app.em();
    const bar = em.create(Category, {
      id: newId(),
      store: store.storeId,
      nameKo: '주류',
      nameEn: 'Drinks',
      position: 2,
      station: 'bar',
      createdAt: new Date(),
    });
    const soju = em.create(Menu, {
      id: newId(),
      store: store.storeId,
      category: bar,
      nameKo: '소주',
      nameEn: 'Soju',
      descriptionKo: '',
      descriptionEn: '',
      price: 5000,
      photoFile: null,
      course: 'other',
      stock: null,
      limitPerVisit: null,
      soldOut: false,
      hidden: false,
      recommended: false,
      position: 1,
      deletedAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    sojuId = soju.id;
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterEach(async () => {
    // Each test sets up its own printers: the store starts every test without any.
    for (const printer of (await http(app, 'GET', '/api/printing', store.adminToken)).body.printers) {
      await http(app, 'DELETE', `/api/printers/${printer.id}`, store.adminToken);
    }
    await app.em().nativeDelete(PrintJob, { storeId: store.storeId });
    for (const p of printers.splice(0)) await p.close();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function virtualPrinter(): Promise<VirtualPrinter> {
    const printer = await VirtualPrinter.start();
    printers.push(printer);
    return printer;
  }

  async function addPrinter(
    name: string,
    printer: VirtualPrinter,
    duty: PrinterDuty,
    backupPrinterId: string | null = null,
  ): Promise<string> {
    const res = await http(app, 'POST', '/api/printers', store.adminToken, {
      name,
      host: '127.0.0.1',
      port: printer.port,
      duty,
      backupPrinterId,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  async function placeAndPay(
    lines: { menuId: string; qty: number; options?: string[]; note?: string }[],
    note?: string,
    device = tablet,
  ): Promise<{ id: string; shortCode: string }> {
    const placed = await http(app, 'POST', '/api/orders', device, { idempotencyKey: idemKey(), lines, ...(note ? { note } : {}) });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, SANDBOX_CARDS.approve);
    const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, device, { paymentKey });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    return { id: placed.body.id, shortCode: placed.body.shortCode };
  }

  const galbi = () => (store.menus['양념갈비'] as Menu).id;
  const pajeon = () => (store.menus['해물파전'] as Menu).id;
  const jobsOf = (orderId: string) => app.em().find(PrintJob, { orderId }, { orderBy: { createdAt: 'asc' } });
  /** The printer has the bytes before the dispatcher commits `printed`: a test reads the job row only after that commit. */
  const allJobsPrinted = (orderId: string, count = 1) =>
    waitUntil(`${count} printed job(s) of order ${orderId}`, async () => {
      const jobs = await jobsOf(orderId);
      return jobs.length === count && jobs.every((j) => j.status === 'printed');
    });

  it("prints a paid order's kitchen lines on the kitchen printer and its bar lines on the bar printer, once each, in Korean", async () => {
    const kitchen = await virtualPrinter();
    const bar = await virtualPrinter();
    await addPrinter('주방', kitchen, 'kitchen');
    await addPrinter('바', bar, 'bar');

    const spice = await buildOptionGroup(app, store, {
      name: '맵기',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: '아주 맵게', priceDelta: 500 }],
      menuIds: [galbi()],
    });
    const hot = (spice.options[0] as { id: string }).id;
    const order = await placeAndPay(
      [
        { menuId: galbi(), qty: 2, options: [hot], note: '양파 빼주세요' },
        { menuId: pajeon(), qty: 1 },
        { menuId: sojuId, qty: 3 },
      ],
      '덜 맵게 해주세요',
    );
    await waitUntil('both tickets', () => kitchen.prints.length === 1 && bar.prints.length === 1);
    await allJobsPrinted(order.id, 2);
    // Redelivered events and further passes print nothing more.
    await app.server.app.deps.relay.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(kitchen.prints).toHaveLength(1);
    expect(bar.prints).toHaveLength(1);

    const [kitchenTicket] = kitchen.tickets();
    expect(kitchenTicket).toContain('주방 KITCHEN');
    expect(kitchenTicket).toContain('테이블 T1');
    expect(kitchenTicket).toContain(`주문 #${order.shortCode}`);
    expect(kitchenTicket).toContain('2 x 양념갈비');
    expect(kitchenTicket).toContain('1 x 해물파전');
    // The line's option and note, under it, in large type.
    expect(kitchenTicket).toMatch(/2 x 양념갈비[\s\S]*\+ 아주 맵게[\s\S]*※ 양파 빼주세요[\s\S]*1 x 해물파전/);
    expect(kitchenTicket).toContain('요청: 덜 맵게 해주세요');
    expect(kitchenTicket).not.toContain('소주');
    const [barTicket] = bar.tickets();
    expect(barTicket).toContain('바 BAR');
    expect(barTicket).toContain('3 x 소주');
    expect(barTicket).not.toContain('양념갈비');
    // Large type: the lines are printed at double height and width (GS ! 0x11).
    expect(kitchen.prints[0]?.includes(Buffer.from([0x1d, 0x21, 0x11]))).toBe(true);
    expect((await jobsOf(order.id)).map((j) => [j.duty, j.status])).toEqual(
      expect.arrayContaining([
        ['kitchen', 'printed'],
        ['bar', 'printed'],
      ]),
    );
  });

  it('prints each line on the station it was ordered for, as the kitchen display shows it, after its category moves to the bar', async () => {
    const kitchen = await virtualPrinter();
    const bar = await virtualPrinter();
    await addPrinter('주방', kitchen, 'kitchen');
    await addPrinter('바', bar, 'bar');
    const placed = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines: [{ menuId: pajeon(), qty: 1 }] });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body.lines[0].station).toBe('kitchen');
    // The owner moves the category to the bar while the guest pays: the ticket already on the kitchen's view stays there.
    const moved = await http(app, 'PATCH', `/api/categories/${store.categoryId}`, store.adminToken, { station: 'bar' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    try {
      const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, SANDBOX_CARDS.approve);
      const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, tablet, { paymentKey });
      expect(paid.status, JSON.stringify(paid.body)).toBe(200);
      expect(paid.body.lines[0].station).toBe('kitchen');
      await allJobsPrinted(placed.body.id);
      expect((await jobsOf(placed.body.id)).map((j) => [j.duty, j.status])).toEqual([['kitchen', 'printed']]);
      expect(kitchen.tickets().join('\n')).toContain('1 x 해물파전');
      expect(bar.prints).toHaveLength(0);
      // A reprint follows the line too.
      expect((await http(app, 'POST', `/api/orders/${placed.body.id}/reprint`, store.staffToken, {})).status).toBe(202);
      await waitUntil('the reprint on the kitchen printer', () => kitchen.prints.length === 2);
      expect(bar.prints).toHaveLength(0);
    } finally {
      await http(app, 'PATCH', `/api/categories/${store.categoryId}`, store.adminToken, { station: 'kitchen' });
    }
  });

  it('does not print an order that is never paid', async () => {
    const kitchen = await virtualPrinter();
    await addPrinter('주방', kitchen, 'kitchen');
    const placed = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines: [{ menuId: galbi(), qty: 1 }] });
    expect(placed.status).toBe(201);
    await app.server.app.deps.relay.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(kitchen.asked).toBe(0);
    expect(await jobsOf(placed.body.id)).toHaveLength(0);
  });

  it('moves the ticket to the backup printer when the main one does not answer, and the board sees the warning', async () => {
    const main = await virtualPrinter();
    const backup = await virtualPrinter();
    await main.down();
    const backupId = await addPrinter('주방 백업', backup, 'bar');
    await addPrinter('주방', main, 'kitchen', backupId);

    const order = await placeAndPay([{ menuId: galbi(), qty: 1 }]);
    await waitUntil('the ticket on the backup', () => backup.prints.length === 1);
    await allJobsPrinted(order.id);
    expect(backup.tickets()[0]).toContain('1 x 양념갈비');
    expect(main.prints).toHaveLength(0);
    const [job] = await jobsOf(order.id);
    expect(job).toMatchObject({ status: 'printed', onBackup: true, attempts: 4, maybeDuplicate: false });

    const status = await http(app, 'GET', '/api/printing', store.staffToken);
    expect(status.status).toBe(200);
    expect(status.body.alerts).toEqual([
      expect.objectContaining({ orderId: order.id, onBackup: true, state: 'printed', printerName: '주방 백업' }),
    ]);
    expect(status.body.printers.find((p: { name: string }) => p.name === '주방')).toMatchObject({
      health: 'unreachable',
      lastError: expect.stringContaining('refused'),
    });
  });

  it('keeps a station’s tickets while both printers are down, then prints each once, in order, when one comes back', async () => {
    const main = await virtualPrinter();
    const backup = await virtualPrinter();
    const backupId = await addPrinter('백업', backup, 'bar');
    const mainId = await addPrinter('주방', main, 'kitchen', backupId);
    await main.down();
    backup.setMode('silent');

    // Ordering and paying go on while nothing prints.
    const first = await placeAndPay([{ menuId: galbi(), qty: 1 }]);
    const second = await placeAndPay([{ menuId: pajeon(), qty: 2 }]);
    await waitUntil('several failed tries', async () => ((await jobsOf(first.id))[0]?.attempts ?? 0) >= 5);
    expect(main.prints).toHaveLength(0);
    const status = await http(app, 'GET', '/api/printing', store.staffToken);
    expect(status.body.alerts.map((a: { orderId: string; state: string }) => [a.orderId, a.state])).toContainEqual([first.id, 'waiting']);

    await main.up();
    // The test page reports the printer back and makes its waiting tickets due at once.
    const test = await http(app, 'POST', `/api/printers/${mainId}/test`, store.adminToken);
    expect(test.status, JSON.stringify(test.body)).toBe(200);
    expect(test.body.health).toBe('ok');
    await waitUntil('the test page and both tickets', () => main.prints.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    const tickets = main.tickets();
    expect(tickets).toHaveLength(3);
    expect(tickets[0]).toContain('프린터 테스트');
    expect(tickets[1]).toContain(`주문 #${first.shortCode}`);
    expect(tickets[2]).toContain(`주문 #${second.shortCode}`);
    // The silent backup never answered the status request, so no ticket byte was ever sent to it.
    expect(backup.asked).toBeGreaterThan(0);
    expect(backup.prints).toHaveLength(0);
    for (const id of [first.id, second.id]) await allJobsPrinted(id);
  });

  it('answers 502 PRINTER_UNREACHABLE with the reason when the test page finds the printer off', async () => {
    const printer = await virtualPrinter();
    const id = await addPrinter('카운터', printer, 'receipt');
    await printer.down();
    const res = await http(app, 'POST', `/api/printers/${id}/test`, store.adminToken);
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'PRINTER_UNREACHABLE', message: expect.stringContaining('refused') });
    printer.setMode('offline');
    await printer.up();
    const offline = await http(app, 'POST', `/api/printers/${id}/test`, store.adminToken);
    expect(offline.body.error.message).toContain('offline');
  });

  it('reprints an order from the board marked as a reprint, and prints a table bill on the counter printer', async () => {
    const kitchen = await virtualPrinter();
    const counter = await virtualPrinter();
    await addPrinter('주방', kitchen, 'kitchen');
    await addPrinter('카운터', counter, 'receipt');
    // A table of its own: its visit holds only this test's orders.
    const tablet3 = await pairTablet(app, store, store.tableIds[2] as string);
    const order = await placeAndPay([{ menuId: galbi(), qty: 2 }], undefined, tablet3);
    await placeAndPay(
      [
        { menuId: galbi(), qty: 1 },
        { menuId: pajeon(), qty: 1 },
      ],
      undefined,
      tablet3,
    );
    await waitUntil('the two tickets', () => kitchen.prints.length === 2);

    const reprint = await http(app, 'POST', `/api/orders/${order.id}/reprint`, store.staffToken, {});
    expect(reprint.status, JSON.stringify(reprint.body)).toBe(202);
    expect(reprint.body.jobs).toEqual([expect.objectContaining({ kind: 'reprint', duty: 'kitchen', orderId: order.id })]);
    await waitUntil('the reprint', () => kitchen.prints.length === 3);
    expect(kitchen.tickets()[2]).toContain('재출력 REPRINT');
    expect(kitchen.tickets()[2]).toContain('2 x 양념갈비');
    expect((await http(app, 'POST', `/api/orders/${order.id}/reprint`, store.staffToken, { station: 'bar' })).body.error.code).toBe(
      'NO_PRINTER',
    );

    const settings = (await http(app, 'GET', '/api/store/settings', store.adminToken)).body;
    const footer = '사업자번호 123-45-67890\nWi-Fi hiorder / 12345678';
    expect((await http(app, 'PUT', '/api/store/settings', store.adminToken, { ...settings, receiptFooter: footer })).status).toBe(200);
    // One order still unpaid (to pay at the counter): on the bill as owed, beside what was paid and how.
    const unpaid = await http(app, 'POST', '/api/orders', tablet3, { idempotencyKey: idemKey(), lines: [{ menuId: sojuId, qty: 1 }] });
    expect(unpaid.status, JSON.stringify(unpaid.body)).toBe(201);
    const bill = await http(app, 'POST', `/api/tables/${store.tableIds[2]}/bill/print`, store.staffToken);
    expect(bill.status, JSON.stringify(bill.body)).toBe(202);
    await waitUntil('the bill', () => counter.prints.length === 1);
    const text = counter.tickets()[0] as string;
    expect(text).toContain('테이블 T3 계산서');
    expect(text).toMatch(/양념갈비 .* 3 .* 45,000원/);
    expect(text).toMatch(/해물파전 .* 1 .* 12,000원/);
    expect(text).toMatch(/소주 .* 1 .* 5,000원/);
    expect(text).toMatch(/결제 PAID[\s\S]*간편결제 Easy .* 57,000원/);
    expect(text).toMatch(/미결제 To pay .* 5,000원/);
    expect(text).toMatch(/합계 TOTAL .* 62,000원/);
    expect(text).toContain(`#${unpaid.body.shortCode}`);
    expect(text).toContain('사업자번호 123-45-67890');
    expect(text).toContain('Wi-Fi hiorder / 12345678');
    expect((await http(app, 'POST', `/api/tables/${store.tableIds[1]}/bill/print`, store.staffToken)).body.error.code).toBe(
      'INVALID_STATE',
    );
  });

  it('deletes printed jobs after a week and never a job still waiting', async () => {
    const kitchen = await virtualPrinter();
    await addPrinter('주방', kitchen, 'kitchen');
    const printed = await placeAndPay([{ menuId: galbi(), qty: 1 }]);
    await waitUntil('the first ticket', () => kitchen.prints.length === 1);
    await allJobsPrinted(printed.id);
    await kitchen.down();
    const waiting = await placeAndPay([{ menuId: pajeon(), qty: 1 }]);
    await waitUntil('a failed try', async () => ((await jobsOf(waiting.id))[0]?.attempts ?? 0) >= 1);

    const later = new Date(Date.now() + PRINTED_JOB_RETENTION_MS + 60_000);
    const pruner = new PrintDispatcher(app.server.orm, {
      send: async () => undefined,
      printerTimeoutMs: 100,
      retryMs: 100,
      pollMs: 100,
      logger: pino({ level: 'silent' }),
      now: () => later,
    });
    expect(await pruner.prune()).toBe(1);
    expect(await jobsOf(printed.id)).toHaveLength(0);
    expect((await jobsOf(waiting.id)).map((j) => j.status)).not.toContain('printed');
    expect(await jobsOf(waiting.id)).toHaveLength(1);
  });

  it('refuses a backup from another store or the printer itself, and printers are admin-only', async () => {
    const printer = await virtualPrinter();
    const id = await addPrinter('주방', printer, 'kitchen');
    expect((await http(app, 'PATCH', `/api/printers/${id}`, store.adminToken, { backupPrinterId: id })).status).toBe(400);
    expect((await http(app, 'PATCH', `/api/printers/${id}`, store.adminToken, { backupPrinterId: newId() })).status).toBe(404);
    expect(
      (await http(app, 'POST', '/api/printers', store.staffToken, { name: 'x', host: '127.0.0.1', port: 9100, duty: 'kitchen' })).status,
    ).toBe(403);
    expect(
      (await http(app, 'POST', '/api/printers', store.adminToken, { name: 'x', host: 'a b', port: 9100, duty: 'kitchen' })).status,
    ).toBe(400);
  });
});
