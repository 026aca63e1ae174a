import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126184214 } from './Migration20261126184214';

export const MIGRATIONS: MigrationObject[] = [{ name: 'Migration20261126184214', class: Migration20261126184214 }];
