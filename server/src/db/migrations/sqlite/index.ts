import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126184213 } from './Migration20261126184213';

export const MIGRATIONS: MigrationObject[] = [{ name: 'Migration20261126184213', class: Migration20261126184213 }];
