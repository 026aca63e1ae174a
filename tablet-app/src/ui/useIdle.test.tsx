import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdle } from './useIdle';

function Probe() {
  const [idle, wake] = useIdle(1000);
  return (
    <button type="button" onClick={wake}>
      {idle ? 'idle' : 'active'}
    </button>
  );
}

describe('useIdle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('turns idle after the delay without input, and any touch postpones it', () => {
    render(<Probe />);
    act(() => {
      vi.advanceTimersByTime(900);
    });
    act(() => {
      window.dispatchEvent(new Event('pointerdown'));
    });
    act(() => {
      vi.advanceTimersByTime(900);
    });
    expect(screen.getByRole('button').textContent).toBe('active');
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(screen.getByRole('button').textContent).toBe('idle');
  });
});
