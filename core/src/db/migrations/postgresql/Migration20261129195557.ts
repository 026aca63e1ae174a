import { Migration } from '@mikro-orm/migrations';

export class Migration20261129195557 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "menu" add column "labels" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "menu" drop column "labels";`);
  }
}
