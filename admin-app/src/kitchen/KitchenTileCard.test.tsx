import type { OrderLineDto } from '@hiorder/domain/ordering/ordering.schemas';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../shared/i18n';
import { buildOrder } from '../test/factories';
import { KitchenTileCard } from './KitchenTileCard';
import { kitchenTiles } from './kitchen-view';

afterEach(cleanup);

describe('KitchenTileCard', () => {
  it('shows what is left of a partly refunded line, and a line refunded whole as "do not make", never "0×"', () => {
    const base = buildOrder({ status: 'paid' });
    const first = base.lines[0] as OrderLineDto;
    const order = {
      ...base,
      lines: [
        { ...first, qty: 3, refundedQty: 1 },
        { ...first, id: '0190a000-0000-7000-8000-0000000009f2', qty: 2, refundedQty: 2 },
      ],
    };
    const onToggleLine = vi.fn();
    const [tile] = kitchenTiles([order], 'all');
    render(
      <I18nProvider locale="ko">
        <KitchenTileCard
          tile={tile as NonNullable<typeof tile>}
          station="all"
          now={Date.now()}
          fresh={false}
          busy={false}
          failure={null}
          onBump={() => undefined}
          onToggleLine={onToggleLine}
        />
      </I18nProvider>,
    );
    const [partly, whole] = screen.getAllByTestId('tile-line');
    expect(within(partly as HTMLElement).getByText('2×')).toBeTruthy();
    expect(within(partly as HTMLElement).getByTestId('tile-refunded').textContent).toBe('1개 환불됨');
    expect(within(whole as HTMLElement).queryByText('0×')).toBeNull();
    expect(within(whole as HTMLElement).getByTestId('tile-refunded').textContent).toBe('전량 환불 · 만들지 마세요');
    expect((whole as HTMLElement).dataset.refundedWhole).toBe('true');
    expect(within(whole as HTMLElement).getByRole('button')).toHaveProperty('disabled', true);
  });
});
