import { describe, expect, it } from 'vitest';
import { PRINTER_DUTIES, PrinterCreateSchema, PrinterDutySchema, PrinterUpdateSchema } from './printing.schemas';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('printers', () => {
  const printer = { name: ' 주방 ', host: ' 192.168.0.50 ', duty: 'kitchen' };

  it('serves every station and the receipt', () => {
    expect(PRINTER_DUTIES).toEqual(['kitchen', 'bar', 'receipt']);
    for (const duty of PRINTER_DUTIES) expect(ok(PrinterDutySchema, duty)).toBe(true);
    expect(ok(PrinterDutySchema, 'toilet')).toBe(false);
  });

  it('defaults to port 9100 and no backup; trims names and hosts', () => {
    expect(PrinterCreateSchema.parse(printer)).toEqual({
      name: '주방',
      host: '192.168.0.50',
      port: 9100,
      duty: 'kitchen',
      backupPrinterId: null,
    });
  });

  it('takes host names and IP literals only, and a real port', () => {
    for (const host of ['printer.local', 'fe80::1', '10.0.0.7']) expect(ok(PrinterCreateSchema, { ...printer, host }), host).toBe(true);
    for (const host of ['', 'http://x', 'a b', 'a'.repeat(254)]) expect(ok(PrinterCreateSchema, { ...printer, host }), host).toBe(false);
    expect(ok(PrinterCreateSchema, { ...printer, port: 0 })).toBe(false);
    expect(ok(PrinterCreateSchema, { ...printer, port: 65536 })).toBe(false);
    expect(ok(PrinterCreateSchema, { ...printer, name: ' ' })).toBe(false);
    expect(ok(PrinterCreateSchema, { ...printer, name: 'a'.repeat(41) })).toBe(false);
    expect(PrinterUpdateSchema.parse({ port: 9101 })).toEqual({ port: 9101 });
    expect(ok(PrinterUpdateSchema, { host: 'a b' })).toBe(false);
    expect(ok(PrinterUpdateSchema, { name: '' })).toBe(false);
  });
});
