import { describe, expect, it } from 'vitest';
import { kitchenRoom, StaffHandshakeSchema, storeRoom, TabletHandshakeSchema, tableRoom } from './realtime';

describe('socket rooms and handshakes', () => {
  it('names one room per table, store and kitchen, never the same', () => {
    expect(tableRoom('x')).toBe('table:x');
    expect(storeRoom('x')).toBe('store:x');
    expect(kitchenRoom('x')).toBe('kitchen:x');
  });

  it('bounds the handshake tokens and positions', () => {
    expect(TabletHandshakeSchema.safeParse({ token: 'a'.repeat(10), catalogVersion: 0 }).success).toBe(true);
    expect(TabletHandshakeSchema.safeParse({ token: 'a'.repeat(9) }).success).toBe(false);
    expect(TabletHandshakeSchema.safeParse({ token: 'a'.repeat(301) }).success).toBe(false);
    expect(StaffHandshakeSchema.safeParse({ token: 'a'.repeat(2000), lastSeq: 0 }).success).toBe(true);
    expect(StaffHandshakeSchema.safeParse({ token: 'a'.repeat(10), lastSeq: -1 }).success).toBe(false);
  });
});
