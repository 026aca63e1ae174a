import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126183117 } from './Migration20261126183117';

export const MIGRATIONS: MigrationObject[] = [{ name: 'Migration20261126183117', class: Migration20261126183117 }];
