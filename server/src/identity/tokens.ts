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
}

export class AccessTokens {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: StaffClaims, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ store: claims.storeId, role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.staffId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_TTL_S)
      .setIssuer('hiorder')
      .sign(this.key);
  }

  /** Throws `TOKEN_EXPIRED` or `UNAUTHENTICATED`. */
  async verify(token: string): Promise<StaffClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'hiorder', algorithms: ['HS256'] });
      const role = StaffRoleSchema.parse(payload.role);
      if (typeof payload.sub !== 'string' || typeof payload.store !== 'string') throw new Error('claims');
      return { staffId: payload.sub, storeId: payload.store, role };
    } catch (err) {
      if (err instanceof Error && 'code' in err && err.code === 'ERR_JWT_EXPIRED') {
        throw new DomainError('TOKEN_EXPIRED', 'The session has expired: refresh it or log in again.');
      }
      throw new DomainError('UNAUTHENTICATED', 'A valid token is required.');
    }
  }
}
