import { Migration } from '@mikro-orm/migrations';

export class Migration20261129183358 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`staff\` add column \`session_version\` integer not null default 0;`);
  }
}
