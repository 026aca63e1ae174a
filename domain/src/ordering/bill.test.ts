import { describe, expect, it } from 'vitest';
import type { OrderDto } from './ordering.schemas';
import { billOf } from './bill';

const line = (ko: string, qty: number, unitPrice: number, refundedQty = 0) => ({
  menuId: '01900000-0000-7000-8000-000000000001',
  categoryId: '01900000-0000-7000-8000-000000000002',
  name: { ko, en: ko },
  course: 'main' as const,
  qty,
  unitPrice,
  lineTotal: qty * unitPrice,
  options: [],
  note: '',
  refundedQty,
});
const order = (
  status: OrderDto['status'],
  lines: ReturnType<typeof line>[],
  paidAt: string | null,
  paymentMethod: OrderDto['paymentMethod'] = paidAt ? 'easy_pay' : null,
): OrderDto =>
  ({
    status,
    lines,
    total: lines.reduce((n, l) => n + l.lineTotal, 0),
    refunded: lines.reduce((n, l) => n + l.refundedQty * l.unitPrice, 0),
    paidAt,
    paymentMethod,
  }) as unknown as OrderDto;

describe('billOf', () => {
  it('adds up dishes, charges by method, refunds and what is left to pay; failed and expired orders never count', () => {
    const bill = billOf([
      order('served', [line('불고기', 2, 15000)], '2026-11-29T10:00:00Z'),
      order('accepted', [line('불고기', 1, 15000), line('콜라', 1, 2000)], '2026-11-29T10:05:00Z'),
      order('cancelled', [line('갈비', 1, 23000)], '2026-11-29T10:06:00Z'),
      order('pending_payment', [line('콜라', 2, 2000)], null),
      order('expired', [line('갈비', 5, 23000)], null),
      order('payment_failed', [line('갈비', 5, 23000)], null),
    ]);
    expect(bill.lines).toEqual([
      { name: { ko: '불고기', en: '불고기' }, qty: 3, unitPrice: 15000, amount: 45000 },
      { name: { ko: '콜라', en: '콜라' }, qty: 3, unitPrice: 2000, amount: 6000 },
    ]);
    expect(bill.payments).toEqual([{ method: 'easy_pay', amount: 70000 }]);
    expect(bill).toMatchObject({ charged: 70000, refunded: 23000, leftToPay: 4000, total: 51000 });
  });

  it('charges each order to the method it was paid with: counter cash and card apart from easy pay, a refund under its own', () => {
    const bill = billOf([
      order('served', [line('불고기', 1, 15000)], '2026-11-29T10:00:00Z', 'cash'),
      order('accepted', [line('콜라', 1, 2000)], '2026-11-29T10:01:00Z', 'card_terminal'),
      order('paid', [line('콜라', 2, 2000)], '2026-11-29T10:02:00Z', 'easy_pay'),
      order('served', [line('갈비', 1, 23000)], '2026-11-29T10:03:00Z', 'cash'),
      order('cancelled', [line('갈비', 1, 23000)], '2026-11-29T10:04:00Z', 'card_terminal'),
    ]);
    expect(bill.payments).toEqual([
      { method: 'cash', amount: 38000 },
      { method: 'card_terminal', amount: 25000 },
      { method: 'easy_pay', amount: 4000 },
    ]);
    expect(bill).toMatchObject({ charged: 67000, refunded: 23000, leftToPay: 0, total: 44000 });
  });

  it('reads a paid order kept without its method (an old event or cache) as easy pay', () => {
    const legacy = { ...order('paid', [line('콜라', 1, 2000)], '2026-11-29T10:00:00Z'), paymentMethod: null };
    expect(billOf([legacy]).payments).toEqual([{ method: 'easy_pay', amount: 2000 }]);
  });

  it('takes partly refunded dishes off the lines and counts their amount as refunded', () => {
    const bill = billOf([
      order('served', [line('불고기', 3, 15000, 1), line('콜라', 2, 2000, 2), line('밥', 1, 1000)], '2026-11-29T10:00:00Z'),
    ]);
    expect(bill.lines.map((l) => [l.name.ko, l.qty, l.amount])).toEqual([
      ['불고기', 2, 30000],
      ['밥', 1, 1000],
    ]);
    expect(bill).toMatchObject({ charged: 50000, refunded: 19000, leftToPay: 0, total: 31000 });
  });
});
