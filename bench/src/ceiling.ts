import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseKind } from './bench-database';
import { LatencySamples } from './latency';

/**
 * The physical ceiling: the order transaction alone — three conditional stock decrements, the order, three lines
 * and an outbox row — in a tight loop on the same database the server just used, with no HTTP, no ORM and no
 * sockets. Same shape and settings as reference/perf-baselines.md (SQLite WAL + synchronous=NORMAL in-process;
 * PostgreSQL over 8 connections), in tables of its own (`ceiling_*`) so the server's data stays untouched.
 */
export interface CeilingResult {
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  connections: number;
}

const MENUS = 200;

function threeMenus(): number[] {
  const picked = new Set<number>();
  while (picked.size < 3) picked.add(1 + Math.floor(Math.random() * MENUS));
  // Sorted: concurrent transactions lock rows in one order, as placeOrder does.
  return [...picked].sort((a, b) => a - b);
}

export async function measureCeiling(kind: DatabaseKind, url: string, durationMs: number, connections = 8): Promise<CeilingResult> {
  return kind === 'sqlite' ? sqliteCeiling(url.replace(/^sqlite:\/\//, ''), durationMs) : postgresCeiling(url, durationMs, connections);
}

function sqliteCeiling(file: string, durationMs: number): CeilingResult {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    drop table if exists ceiling_outbox; drop table if exists ceiling_order_line; drop table if exists ceiling_orders; drop table if exists ceiling_menu;
    create table ceiling_menu (id integer primary key, name text not null, price integer not null, stock integer not null);
    create table ceiling_orders (id integer primary key, table_no integer not null, total integer not null, status text not null default 'placed', created_at text not null default current_timestamp);
    create table ceiling_order_line (id integer primary key, order_id integer not null references ceiling_orders(id), menu_id integer not null references ceiling_menu(id), qty integer not null, unit_price integer not null);
    create index ceiling_order_line_order on ceiling_order_line(order_id);
    create table ceiling_outbox (id integer primary key, topic text not null, payload text not null, created_at text not null default current_timestamp, published_at text);
  `);
  const insertMenu = db.prepare('insert into ceiling_menu (id, name, price, stock) values (?, ?, 1000, 1000000000)');
  db.transaction(() => {
    for (let i = 1; i <= MENUS; i++) insertMenu.run(i, `menu ${i}`);
  })();
  const decrement = db.prepare('update ceiling_menu set stock = stock - ? where id = ? and stock >= ?');
  const insertOrder = db.prepare('insert into ceiling_orders (table_no, total) values (?, ?)');
  const insertLine = db.prepare('insert into ceiling_order_line (order_id, menu_id, qty, unit_price) values (?, ?, ?, 1000)');
  const insertOutbox = db.prepare('insert into ceiling_outbox (topic, payload) values (?, ?)');
  const placeOne = db.transaction((menus: number[], qty: number, tableNo: number) => {
    for (const id of menus) if (decrement.run(qty, id, qty).changes !== 1) throw new Error('out of stock');
    const orderId = insertOrder.run(tableNo, 3000 * qty).lastInsertRowid;
    for (const id of menus) insertLine.run(orderId, id, qty);
    insertOutbox.run('order.placed', JSON.stringify({ orderId: Number(orderId), table: tableNo }));
  });
  const latency = new LatencySamples();
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < durationMs) {
    const t = performance.now();
    placeOne(threeMenus(), 1 + Math.floor(Math.random() * 3), 1 + Math.floor(Math.random() * 40));
    latency.add(performance.now() - t);
    done += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { ordersPerSecond: done / seconds, p50Ms: latency.quantile(0.5), p99Ms: latency.quantile(0.99), connections: 1 };
}

async function postgresCeiling(url: string, durationMs: number, connections: number): Promise<CeilingResult> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`
    drop table if exists ceiling_outbox, ceiling_order_line, ceiling_orders, ceiling_menu;
    create table ceiling_menu (id int primary key, name text not null, price int not null, stock int not null);
    create table ceiling_orders (id bigserial primary key, table_no int not null, total int not null, status text not null default 'placed', created_at timestamptz not null default now());
    create table ceiling_order_line (id bigserial primary key, order_id bigint not null references ceiling_orders(id), menu_id int not null references ceiling_menu(id), qty int not null, unit_price int not null);
    create index on ceiling_order_line(order_id);
    create table ceiling_outbox (id bigserial primary key, topic text not null, payload jsonb not null, created_at timestamptz not null default now(), published_at timestamptz);
    create index ceiling_outbox_unpublished on ceiling_outbox(id) where published_at is null;
    insert into ceiling_menu select g, 'menu ' || g, 1000, 1000000000 from generate_series(1, ${MENUS}) g;
  `);
  await setup.end();
  const latency = new LatencySamples();
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (performance.now() - started < durationMs) {
        const menus = threeMenus();
        const qty = 1 + Math.floor(Math.random() * 3);
        const tableNo = 1 + Math.floor(Math.random() * 40);
        const t = performance.now();
        await client.query('begin');
        for (const id of menus) {
          const res = await client.query('update ceiling_menu set stock = stock - $1 where id = $2 and stock >= $1', [qty, id]);
          if (res.rowCount !== 1) throw new Error('out of stock');
        }
        const order = await client.query<{ id: string }>('insert into ceiling_orders (table_no, total) values ($1, $2) returning id', [
          tableNo,
          3000 * qty,
        ]);
        const orderId = order.rows[0]?.id;
        await client.query(
          'insert into ceiling_order_line (order_id, menu_id, qty, unit_price) values ($1, $2, $5, 1000), ($1, $3, $5, 1000), ($1, $4, $5, 1000)',
          [orderId, ...menus, qty],
        );
        await client.query('insert into ceiling_outbox (topic, payload) values ($1, $2)', [
          'order.placed',
          JSON.stringify({ orderId, table: tableNo }),
        ]);
        await client.query('commit');
        latency.add(performance.now() - t);
        done += 1;
      }
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { ordersPerSecond: done / seconds, p50Ms: latency.quantile(0.5), p99Ms: latency.quantile(0.99), connections };
}
