import type { SessionDto } from '@hiorder/domain/identity/identity.schemas';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionManager } from './session';

const session = (n: number): SessionDto => ({
  accessToken: `access-${n}-xxxxxxxx`,
  refreshToken: `refresh-${n}-xxxxxxxx`,
  expiresIn: 600,
  staff: {
    id: '0190a000-0000-7000-8000-00000000a001',
    storeId: '0190a000-0000-7000-8000-00000000b001',
    username: 'admin',
    displayName: 'Admin',
    role: 'admin',
    disabled: false,
  },
  store: { id: '0190a000-0000-7000-8000-00000000b001', slug: 'demo', name: 'Demo', timeZone: 'Asia/Seoul', catalogVersion: 1 },
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('SessionManager', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('refreshes before the access token expires, with the rotated refresh token each time', async () => {
    const fetchMock = vi
      .fn<(url: string, init: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(json(session(1)))
      .mockResolvedValueOnce(json(session(2)))
      .mockResolvedValueOnce(json(session(3)));
    vi.stubGlobal('fetch', fetchMock);
    const manager = new SessionManager(localStorage);
    await manager.login({ username: 'admin', password: 'secret-password' });
    expect(manager.token()).toBe('access-1-xxxxxxxx');

    await vi.advanceTimersByTimeAsync(600_000 - 29_000);
    expect(fetchMock.mock.calls[1]?.[0]).toBe('/api/auth/refresh');
    expect(fetchMock.mock.calls[1]?.[1].body).toBe(JSON.stringify({ refreshToken: 'refresh-1-xxxxxxxx' }));
    expect(manager.token()).toBe('access-2-xxxxxxxx');

    await vi.advanceTimersByTimeAsync(600_000);
    expect(fetchMock.mock.calls[2]?.[1].body).toBe(JSON.stringify({ refreshToken: 'refresh-2-xxxxxxxx' }));
    expect(new SessionManager(localStorage).token()).toBe('access-3-xxxxxxxx');
  });

  it('signs out when the refresh token is refused, and logs out on the server', async () => {
    const fetchMock = vi
      .fn<(url: string, init: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(json(session(1)))
      .mockResolvedValueOnce(json({ error: { code: 'UNAUTHENTICATED', message: 'no' } }, 401));
    vi.stubGlobal('fetch', fetchMock);
    const manager = new SessionManager(localStorage);
    await manager.login({ username: 'admin', password: 'secret-password' });
    expect(await manager.renew()).toBe(false);
    expect(manager.getSession()).toBeNull();

    fetchMock.mockResolvedValueOnce(json(session(4))).mockResolvedValueOnce(new Response(null, { status: 204 }));
    await manager.login({ username: 'admin', password: 'secret-password' });
    await manager.logout();
    expect(fetchMock.mock.calls.at(-1)?.[0]).toBe('/api/auth/logout');
    expect(localStorage.getItem('hiorder.admin.session')).toBeNull();
  });
});
