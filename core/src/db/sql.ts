import type { EntityManager } from './orm';

/** A Date as the database stores it (epoch ms on SQLite, timestamptz on PostgreSQL), for raw SQL parameters. */
export function dbTime(em: EntityManager, date: Date): unknown {
  return em.getPlatform().processDateProperty(date);
}

/** A time read by raw SQL back into a Date (SQLite gives numbers, PostgreSQL Dates). */
export function fromDbTime(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return new Date(Number(value));
  return new Date(String(value));
}

/** Rows changed by a raw `execute(…, 'run')`, on either driver. */
export function affected(result: unknown): number {
  const r = result as { affectedRows?: number; changes?: number } | unknown[];
  if (Array.isArray(r)) return r.length;
  return Number(r.affectedRows ?? r.changes ?? 0);
}

/** `?, ?, ?` for an IN list. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** A JSON column read by raw SQL (SQLite gives its text, PostgreSQL's jsonb the parsed value). */
export function fromDbJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
