import { EntitySchema, type Ref } from '@mikro-orm/core';
import { Staff } from './staff.entity';

/** A staff refresh token (stored hashed), rotated on every use: a replayed old token is refused. */
export class RefreshToken {
  id!: string;
  staff!: Ref<Staff>;
  tokenHash!: string;
  expiresAt!: Date;
  revokedAt!: Date | null;
  createdAt!: Date;
}

export const RefreshTokenSchema = new EntitySchema<RefreshToken>({
  class: RefreshToken,
  properties: {
    id: { type: 'uuid', primary: true },
    staff: { kind: 'm:1', entity: () => Staff, ref: true },
    tokenHash: { type: 'string', length: 64, unique: true },
    expiresAt: { type: 'datetime' },
    revokedAt: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
  },
});
