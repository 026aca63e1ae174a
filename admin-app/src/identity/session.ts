import { type Login, type SessionDto, SessionDtoSchema } from '@hiorder/domain/identity/identity.schemas';
import type { StoreSetup } from '@hiorder/domain/identity/store.schemas';
import { ApiClient, ApiError, type Credentials } from '../shared/api';

const STORAGE_KEY = 'hiorder.admin.session';
/** Refresh this long before the access token expires, so a request never goes out with a dead token. */
const REFRESH_MARGIN_MS = 30_000;

interface Stored {
  session: SessionDto;
  /** Epoch ms at which the access token expires. */
  expiresAt: number;
}

/**
 * The staff session: login, a refresh scheduled before the access token expires (the refresh token is
 * rotated on each use, so only one refresh runs at a time), logout. Kept in localStorage so a reload of the
 * board does not log staff out in the middle of a service.
 */
export class SessionManager implements Credentials {
  private stored: Stored | null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly http: ApiClient;

  constructor(private readonly storage: Storage = localStorage) {
    this.stored = read(storage);
    // Auth endpoints take no bearer token.
    this.http = new ApiClient({ token: () => null, renew: async () => false });
    if (this.stored) this.schedule();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSession = (): SessionDto | null => this.stored?.session ?? null;

  token(): string | null {
    return this.stored?.session.accessToken ?? null;
  }

  async login(input: Login): Promise<SessionDto> {
    const session = await this.http.post('/api/auth/login', input, SessionDtoSchema);
    this.save(session);
    return session;
  }

  /** The first start: the setup page creates the store and its owner, and the owner is signed in with that answer. */
  async setUpStore(input: StoreSetup): Promise<SessionDto> {
    const session = await this.http.post('/api/setup', input, SessionDtoSchema);
    this.save(session);
    return session;
  }

  /** Renews the access token (also called by the API client on a 401). False when the session is over. */
  renew(): Promise<boolean> {
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async logout(): Promise<void> {
    const refreshToken = this.stored?.session.refreshToken;
    this.clear();
    if (refreshToken) await this.http.post('/api/auth/logout', { refreshToken }).catch(() => undefined);
  }

  private async refresh(): Promise<boolean> {
    const refreshToken = this.stored?.session.refreshToken;
    if (!refreshToken) return false;
    try {
      this.save(await this.http.post('/api/auth/refresh', { refreshToken }, SessionDtoSchema));
      return true;
    } catch (err) {
      // A network error keeps the session (retry later); a refused refresh token ends it.
      if (err instanceof ApiError && err.code !== 'NETWORK' && err.status < 500) {
        this.clear();
      } else {
        this.timer = setTimeout(() => void this.renew(), 5_000);
      }
      return false;
    }
  }

  private save(session: SessionDto): void {
    this.stored = { session, expiresAt: Date.now() + session.expiresIn * 1000 };
    this.storage.setItem(STORAGE_KEY, JSON.stringify(this.stored));
    this.schedule();
    this.emit();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.stored = null;
    this.storage.removeItem(STORAGE_KEY);
    this.emit();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.stored) return;
    const delay = Math.max(0, this.stored.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => void this.renew(), Math.min(delay, 2 ** 31 - 1));
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function read(storage: Storage): Stored | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    // Written by this class only; a shape from an older version is simply dropped.
    const value = JSON.parse(raw) as Partial<Stored>;
    return value.session?.accessToken && typeof value.expiresAt === 'number' ? (value as Stored) : null;
  } catch {
    return null;
  }
}
