import { describe, expect, it } from 'vitest';
import { newId, shortCode } from './ids';

describe('shortCode', () => {
  it('is always four digits, whatever the id', () => {
    for (let i = 0; i < 500; i++) expect(shortCode(newId())).toMatch(/^\d{4}$/);
    expect(shortCode('0190f5a2-0000-7000-8000-00000000abcd')).toBe(String(0xabcd % 10_000).padStart(4, '0'));
  });
});
