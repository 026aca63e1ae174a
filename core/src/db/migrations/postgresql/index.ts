import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126184214 } from './Migration20261126184214';
import { Migration20261126185006 } from './Migration20261126185006';
import { Migration20261126190608 } from './Migration20261126190608';
import { Migration20261129182817 } from './Migration20261129182817';
import { Migration20261129183359 } from './Migration20261129183359';
import { Migration20261129183500 } from './Migration20261129183500';
import { Migration20261129183910 } from './Migration20261129183910';
import { Migration20261129184806 } from './Migration20261129184806';
import { Migration20261129190014 } from './Migration20261129190014';
import { Migration20261129194207 } from './Migration20261129194207';
import { Migration20261129195557 } from './Migration20261129195557';
import { Migration20261129202200 } from './Migration20261129202200';
import { Migration20261129213405 } from './Migration20261129213405';
import { Migration20261129214017 } from './Migration20261129214017';
import { Migration20261129213428 } from './Migration20261129213428';
import { Migration20261129213445 } from './Migration20261129213445';
import { Migration20261129213355 } from './Migration20261129213355';

export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261126184214', class: Migration20261126184214 },
  { name: 'Migration20261126185006', class: Migration20261126185006 },
  { name: 'Migration20261126190608', class: Migration20261126190608 },
  { name: 'Migration20261129182817', class: Migration20261129182817 },
  { name: 'Migration20261129183359', class: Migration20261129183359 },
  { name: 'Migration20261129183500', class: Migration20261129183500 },
  { name: 'Migration20261129183910', class: Migration20261129183910 },
  { name: 'Migration20261129184806', class: Migration20261129184806 },
  { name: 'Migration20261129190014', class: Migration20261129190014 },
  { name: 'Migration20261129194207', class: Migration20261129194207 },
  { name: 'Migration20261129195557', class: Migration20261129195557 },
  { name: 'Migration20261129202200', class: Migration20261129202200 },
  { name: 'Migration20261129213405', class: Migration20261129213405 },
  { name: 'Migration20261129214017', class: Migration20261129214017 },
  { name: 'Migration20261129213428', class: Migration20261129213428 },
  { name: 'Migration20261129213445', class: Migration20261129213445 },
  { name: 'Migration20261129213355', class: Migration20261129213355 },
];
