import { newId } from '@hiorder/domain/shared/ids';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@hiorder/core/testing';
import { openDatabase } from '@hiorder/core/db';

/**
 * The option-groups migration upgrades a database that already holds a store, its menus and an order: nothing
 * is lost, menus offer no groups, and old order lines read as lines without options or note.
 */
describe('migration to menu options', () => {
  let db: TestDatabase | null = null;
  afterAll(async () => db?.drop());

  it('keeps existing stores, menus and orders', async () => {
    db = await createTestDatabase();
    const orm = await openDatabase({ databaseUrl: db.url, migrate: false });
    try {
      await orm.getMigrator().up({ to: 'Migration20261126190608' });
      const conn = orm.em.getConnection();
      const ids = {
        store: newId(),
        table: newId(),
        device: newId(),
        category: newId(),
        menu: newId(),
        visit: newId(),
        order: newId(),
        line: newId(),
      };
      const now = db.kind === 'sqlite' ? Date.now() : new Date();
      await conn.execute('insert into store (id, slug, name, time_zone, created_at) values (?, ?, ?, ?, ?)', [
        ids.store,
        'old',
        '옛날 가게',
        'Asia/Seoul',
        now,
      ]);
      await conn.execute('insert into dining_table (id, store_id, label, created_at) values (?, ?, ?, ?)', [
        ids.table,
        ids.store,
        '1번',
        now,
      ]);
      await conn.execute(
        "insert into device (id, store_id, table_id, role, name, token_hash, created_at) values (?, ?, ?, 'table', 't', 'h', ?)",
        [ids.device, ids.store, ids.table, now],
      );
      await conn.execute('insert into category (id, store_id, name_ko, created_at) values (?, ?, ?, ?)', [
        ids.category,
        ids.store,
        '메인',
        now,
      ]);
      await conn.execute(
        "insert into menu (id, store_id, category_id, name_ko, price, course, created_at, updated_at) values (?, ?, ?, '떡볶이', 14000, 'main', ?, ?)",
        [ids.menu, ids.store, ids.category, now, now],
      );
      await conn.execute('insert into visit (id, store_id, table_id, opened_at) values (?, ?, ?, ?)', [
        ids.visit,
        ids.store,
        ids.table,
        now,
      ]);
      await conn.execute(
        "insert into orders (id, store_id, table_id, table_label, visit_id, device_id, idempotency_key, status, total, created_at, expires_at, updated_at) values (?, ?, ?, '1번', ?, ?, 'k-old-0001', 'paid', 14000, ?, ?, ?)",
        [ids.order, ids.store, ids.table, ids.visit, ids.device, now, now, now],
      );
      await conn.execute(
        "insert into order_line (id, order_id, position, menu_id, category_id, name_ko, name_en, course, qty, unit_price, line_total) values (?, ?, 0, ?, ?, '떡볶이', '', 'main', 1, 14000, 14000)",
        [ids.line, ids.order, ids.menu, ids.category],
      );

      await orm.getMigrator().up();

      const menus: { name_ko: string; option_group_ids: unknown }[] = await conn.execute(
        'select name_ko, option_group_ids from menu where id = ?',
        [ids.menu],
      );
      expect(
        menus.map((m) => [m.name_ko, typeof m.option_group_ids === 'string' ? JSON.parse(m.option_group_ids) : m.option_group_ids]),
      ).toEqual([['떡볶이', []]]);
      const lines: { unit_price: number; options: unknown; note: string }[] = await conn.execute(
        'select unit_price, options, note from order_line where id = ?',
        [ids.line],
      );
      expect(lines.map((l) => [Number(l.unit_price), typeof l.options === 'string' ? JSON.parse(l.options) : l.options, l.note])).toEqual([
        [14000, [], ''],
      ]);
      const stores: { name: string }[] = await conn.execute('select name from store where id = ?', [ids.store]);
      expect(stores[0]?.name).toBe('옛날 가게');
    } finally {
      await orm.close();
    }
  });
});
