import { describe, expect, it } from 'vitest';
import { ID } from '../testing/fixtures';
import {
  LoginSchema,
  PAIRING_CODE_ALPHABET,
  PairDeviceSchema,
  PairingCodeCreateSchema,
  PasswordSchema,
  RefreshSchema,
  RoleSchema,
  StaffCreateSchema,
  StaffUpdateSchema,
  TableCreateSchema,
  TableUpdateSchema,
  UsernameSchema,
} from './identity.schemas';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('staff accounts', () => {
  it('reads a username trimmed and in lower case, from a small alphabet', () => {
    expect(UsernameSchema.parse('  Kim.Admin@Store ')).toBe('kim.admin@store');
    expect(ok(UsernameSchema, 'a')).toBe(false);
    expect(ok(UsernameSchema, 'ab')).toBe(true);
    expect(ok(UsernameSchema, 'a'.repeat(61))).toBe(false);
    expect(ok(UsernameSchema, 'kim admin')).toBe(false);
    expect(ok(UsernameSchema, '김사장')).toBe(false);
  });

  it('bounds a password by length only', () => {
    expect(ok(PasswordSchema, '1234567')).toBe(false);
    expect(ok(PasswordSchema, '12345678')).toBe(true);
    expect(ok(PasswordSchema, 'a'.repeat(200))).toBe(true);
    expect(ok(PasswordSchema, 'a'.repeat(201))).toBe(false);
    expect(ok(LoginSchema, { username: 'kim', password: '' })).toBe(false);
    expect(ok(LoginSchema, { username: 'kim', password: 'x' })).toBe(true);
    expect(ok(RefreshSchema, { refreshToken: 'short' })).toBe(false);
  });

  it('creates an account with a display name and a staff role; an update names what changes', () => {
    const create = { username: 'kim', displayName: ' 김 ', password: '12345678', role: 'staff' };
    expect(StaffCreateSchema.parse(create)).toEqual({ ...create, displayName: '김' });
    expect(ok(StaffCreateSchema, { ...create, role: 'kitchen' })).toBe(false);
    expect(ok(StaffCreateSchema, { ...create, displayName: ' ' })).toBe(false);
    expect(StaffUpdateSchema.parse({ disabled: true })).toEqual({ disabled: true });
    expect(ok(StaffUpdateSchema, { password: 'short' })).toBe(false);
    expect(RoleSchema.options).toEqual(['admin', 'staff', 'kitchen', 'table']);
  });
});

describe('tables and pairing', () => {
  it('labels a table with trimmed, bounded text', () => {
    expect(TableCreateSchema.parse({ label: ' T1 ' })).toEqual({ label: 'T1' });
    expect(ok(TableCreateSchema, { label: '' })).toBe(false);
    expect(ok(TableCreateSchema, { label: 'a'.repeat(41) })).toBe(false);
    expect(TableUpdateSchema.parse({})).toEqual({});
  });

  it('asks a code for a table (naming it) or for a kitchen (optionally named)', () => {
    expect(ok(PairingCodeCreateSchema, { role: 'table', tableId: ID.table })).toBe(true);
    expect(ok(PairingCodeCreateSchema, { role: 'table' })).toBe(false);
    expect(PairingCodeCreateSchema.parse({ role: 'kitchen', name: ' 주방 ' })).toEqual({ role: 'kitchen', name: '주방' });
    expect(ok(PairingCodeCreateSchema, { role: 'kitchen', tableId: ID.table })).toBe(false);
    expect(ok(PairingCodeCreateSchema, { role: 'admin' })).toBe(false);
  });

  it('reads a typed pairing code in upper case, from an alphabet without look-alikes', () => {
    expect(PairDeviceSchema.parse({ code: ' abcd2345 ', deviceName: ' 창가 ' })).toEqual({ code: 'ABCD2345', deviceName: '창가' });
    for (const c of PAIRING_CODE_ALPHABET) expect(ok(PairDeviceSchema, { code: c.repeat(8) }), c).toBe(true);
    for (const c of ['0', '1', 'O', 'I', 'L']) expect(ok(PairDeviceSchema, { code: c.repeat(8) }), c).toBe(false);
    expect(ok(PairDeviceSchema, { code: 'ABCD234' })).toBe(false);
    expect(ok(PairDeviceSchema, { code: 'ABCD23456' })).toBe(false);
    expect(PAIRING_CODE_ALPHABET).toHaveLength(31);
  });
});
