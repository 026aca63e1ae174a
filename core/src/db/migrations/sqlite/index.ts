import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126184213 } from './Migration20261126184213';
import { Migration20261126185005 } from './Migration20261126185005';
import { Migration20261126190608 } from './Migration20261126190608';
import { Migration20261129182816 } from './Migration20261129182816';
import { Migration20261129183358 } from './Migration20261129183358';
import { Migration20261129183500 } from './Migration20261129183500';
import { Migration20261129183909 } from './Migration20261129183909';
import { Migration20261129184805 } from './Migration20261129184805';
import { Migration20261129190013 } from './Migration20261129190013';
import { Migration20261129194205 } from './Migration20261129194205';
import { Migration20261129195556 } from './Migration20261129195556';
import { Migration20261129202200 } from './Migration20261129202200';
import { Migration20261129213404 } from './Migration20261129213404';
import { Migration20261129214015 } from './Migration20261129214015';
import { Migration20261129213427 } from './Migration20261129213427';
import { Migration20261129213444 } from './Migration20261129213444';
import { Migration20261129213354 } from './Migration20261129213354';

export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126184213', class: Migration20261126184213 },
  { name: 'Migration20261126185005', class: Migration20261126185005 },
  { name: 'Migration20261126190608', class: Migration20261126190608 },
  { name: 'Migration20261129182816', class: Migration20261129182816 },
  { name: 'Migration20261129183358', class: Migration20261129183358 },
  { name: 'Migration20261129183500', class: Migration20261129183500 },
  { name: 'Migration20261129183909', class: Migration20261129183909 },
  { name: 'Migration20261129184805', class: Migration20261129184805 },
  { name: 'Migration20261129190013', class: Migration20261129190013 },
  { name: 'Migration20261129194205', class: Migration20261129194205 },
  { name: 'Migration20261129195556', class: Migration20261129195556 },
  { name: 'Migration20261129202200', class: Migration20261129202200 },
  { name: 'Migration20261129213404', class: Migration20261129213404 },
  { name: 'Migration20261129214015', class: Migration20261129214015 },
  { name: 'Migration20261129213427', class: Migration20261129213427 },
  { name: 'Migration20261129213444', class: Migration20261129213444 },
  { name: 'Migration20261129213354', class: Migration20261129213354 },
];
