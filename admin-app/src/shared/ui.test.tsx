import { act, cleanup, render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useToast } from './ui';

/** A screen that re-renders every second, as the tables screen does with its clock, and shows a toast once. */
function Ticking() {
  const [, setTick] = useState(0);
  const [, toast, toastNode] = useToast();
  useEffect(() => {
    toast({ text: '3 테이블을 2 테이블과 합쳤습니다' });
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [toast]);
  return <>{toastNode}</>;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useToast', () => {
  it('lets a toast go after its time even while the screen re-renders every second', () => {
    vi.useFakeTimers();
    render(<Ticking />);
    expect(screen.getByRole('status').textContent).toBe('3 테이블을 2 테이블과 합쳤습니다');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.queryByRole('status')).toBeNull();
  });
});
