import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { StaffRoleSchema, type StaffRole } from '@hiorder/domain/identity/identity.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';

/** Staff access tokens live 15 minutes; the refresh token (30 days, rotated on use) gets a new one. */
export const ACCESS_TOKEN_TTL_S = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
export const PAIRING_CODE_TTL_MS = 15 * 60 * 1000;

/** Device tokens are opaque and revocable: only their hash is stored, looked up on every use. */
export const DEVICE_TOKEN_PREFIX = 'dev_';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newOpaqueToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export interface StaffClaims {
  staffId: string;
  storeId: string;
  role: StaffRole;
  /** The account's `sessionVersion` when the token was signed (0 when absent). */
  sessionVersion?: number;
}

/**
 * What a signed staff token is good for. `api`: the bearer access token. `queue-dashboard`: the cookie of the
 * bull-board pages (a browser cannot send a bearer header on a page visit), shorter-lived and carrying an
 * audience, so neither can stand in for the other.
 */
export type TokenScope = 'api' | 'queue-dashboard';

/** The queue dashboard's cookie lives 10 minutes: long enough to look at jobs, short for a cookie. */
export const QUEUE_SESSION_TTL_S = 10 * 60;

const TTL_S: Record<TokenScope, number> = { api: ACCESS_TOKEN_TTL_S, 'queue-dashboard': QUEUE_SESSION_TTL_S };

export class AccessTokens {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: StaffClaims, now: Date, scope: TokenScope = 'api'): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    const jwt = new SignJWT({ store: claims.storeId, role: claims.role, sv: claims.sessionVersion ?? 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.staffId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TTL_S[scope])
      .setIssuer('hiorder');
    return (scope === 'api' ? jwt : jwt.setAudience(scope)).sign(this.key);
  }

  /** Throws `TOKEN_EXPIRED` or `UNAUTHENTICATED` (also for a token of another scope). */
  async verify(token: string, scope: TokenScope = 'api'): Promise<StaffClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'hiorder',
        algorithms: ['HS256'],
        ...(scope === 'api' ? {} : { audience: scope }),
      });
      // jose accepts a token with an audience when none is asked for: an API token must have none.
      if (scope === 'api' && payload.aud !== undefined) throw new Error('scope');
      const role = StaffRoleSchema.parse(payload.role);
      if (typeof payload.sub !== 'string' || typeof payload.store !== 'string') throw new Error('claims');
      const sessionVersion = payload.sv === undefined ? 0 : payload.sv;
      if (typeof sessionVersion !== 'number') throw new Error('claims');
      return { staffId: payload.sub, storeId: payload.store, role, sessionVersion };
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ERR_JWT_EXPIRED') {
        throw new DomainError('TOKEN_EXPIRED', 'The session has expired: refresh it or log in again.');
      }
      throw new DomainError('UNAUTHENTICATED', 'A valid token is required.');
    }
  }
}
