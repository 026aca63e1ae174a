import { describe, expect, it } from 'vitest';
import { readTossReturn } from './toss';

const orderId = '0190b7a0-0000-7000-8000-0000000000ab';

describe('readTossReturn', () => {
  it('reads the payment key Toss returns with', () => {
    expect(readTossReturn(`?toss=success&paymentKey=tgen_123&orderId=${orderId}&amount=15000`)).toEqual({
      kind: 'success',
      orderId,
      paymentKey: 'tgen_123',
    });
  });

  it('reads a refusal', () => {
    expect(readTossReturn(`?toss=fail&code=PAY_PROCESS_CANCELED&message=cancelled&orderId=${orderId}`)).toEqual({
      kind: 'fail',
      orderId,
      message: 'cancelled',
    });
  });

  it('ignores an ordinary address and a success without a key', () => {
    expect(readTossReturn('?pair=ABCD2345')).toBeNull();
    expect(readTossReturn(`?toss=success&orderId=${orderId}`)).toBeNull();
  });
});
