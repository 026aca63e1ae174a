import type { SessionDto } from '@hiorder/domain/identity/identity.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../shared/api';
import { AdminContextValue } from '../shared/app-context';
import { I18nProvider } from '../shared/i18n';
import { buildOrder, orderEvent, STORE_ID } from '../test/factories';
import { BoardScreen } from './BoardScreen';
import { BoardStore } from './board-store';

const session: SessionDto = {
  accessToken: 'access-token-123',
  refreshToken: 'refresh-token-123',
  expiresIn: 900,
  staff: {
    id: '0190a000-0000-7000-8000-00000000a001',
    storeId: STORE_ID,
    username: 'staff',
    displayName: 'Staff',
    role: 'staff',
    disabled: false,
  },
  store: { id: STORE_ID, slug: 'demo', name: 'Demo', timeZone: 'Asia/Seoul', catalogVersion: 1 },
};

function renderBoard(board: BoardStore) {
  const api = new ApiClient({ token: () => session.accessToken, renew: async () => false });
  return render(
    <I18nProvider locale="en">
      <AdminContextValue.Provider value={{ api, session, board, acknowledge: async () => undefined, onStats: () => () => undefined }}>
        <BoardScreen />
      </AdminContextValue.Provider>
    </I18nProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('BoardScreen', () => {
  it('shows paid orders as new and never a pending-payment one', () => {
    const board = new BoardStore();
    const pending = buildOrder({ status: 'pending_payment', tableLabel: 'P9' });
    const paid = buildOrder({ status: 'paid', tableLabel: 'A1' });
    board.receive([orderEvent(1, pending), orderEvent(2, paid)]);
    renderBoard(board);
    const fresh = screen.getByTestId('column-fresh');
    expect(
      within(fresh)
        .getAllByTestId('order-card')
        .map((c) => c.getAttribute('data-order-id')),
    ).toEqual([paid.id]);
    expect(screen.queryByText('P9')).toBeNull();
  });

  it('accepts an order and moves it to cooking with the server answer', async () => {
    const board = new BoardStore();
    const paid = buildOrder({ status: 'paid' });
    board.receive([orderEvent(1, paid)]);
    const accepted: OrderDto = { ...paid, status: 'accepted', acceptedAt: paid.paidAt };
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify(accepted), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderBoard(board);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    });
    expect(fetchMock).toHaveBeenCalledWith(`/api/orders/${paid.id}/accept`, expect.objectContaining({ method: 'POST' }));
    expect(within(screen.getByTestId('column-accepted')).getAllByTestId('order-card')).toHaveLength(1);
    expect(within(screen.getByTestId('column-fresh')).queryAllByTestId('order-card')).toHaveLength(0);
  });

  it('asks for a reason before cancelling', async () => {
    const board = new BoardStore();
    const paid = buildOrder({ status: 'paid' });
    board.receive([orderEvent(1, paid)]);
    const cancelled: OrderDto = { ...paid, status: 'cancelled', payment: 'cancelled', cancelReason: 'Guest asked' };
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify(cancelled), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    renderBoard(board);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Guest asked' }));
    await act(async () => {
      fireEvent.click(screen.getByTestId('confirm-cancel'));
    });
    // The board also polls the printers' state: pick the cancel call out of the others.
    expect(fetchMock.mock.calls.find(([url]) => url.endsWith('/cancel'))?.[1]?.body).toBe(JSON.stringify({ reason: 'Guest asked' }));
    expect(screen.queryAllByTestId('order-card')).toHaveLength(0);
  });
});
