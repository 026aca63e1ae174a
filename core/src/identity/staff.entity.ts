import { EntitySchema, type Ref } from '@mikro-orm/core';
import type { StaffRole } from '@hiorder/domain/identity/identity.schemas';
import { Store } from './store.entity';

/** A person who logs in to the admin app. Usernames are unique across stores so login needs no store name. */
export class Staff {
  id!: string;
  store!: Ref<Store>;
  username!: string;
  displayName!: string;
  /** argon2id hash. */
  passwordHash!: string;
  role!: StaffRole;
  disabled!: boolean;
  /**
   * Carried by every access token (`sv`) and compared on every request: bumping it (disable, demotion,
   * password reset) ends the account's sessions at once instead of when their 15 minutes run out.
   */
  sessionVersion!: number;
  createdAt!: Date;
}

export const StaffSchema = new EntitySchema<Staff>({
  class: Staff,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    username: { type: 'string', length: 60, unique: true },
    displayName: { type: 'string', length: 80 },
    passwordHash: { type: 'string', length: 200 },
    role: { type: 'string', length: 10 },
    disabled: { type: 'boolean', default: false },
    sessionVersion: { type: 'integer', default: 0 },
    createdAt: { type: 'datetime' },
  },
});
