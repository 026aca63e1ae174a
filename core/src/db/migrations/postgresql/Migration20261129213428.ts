import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213428 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "store" add column "settings" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "store" drop column "settings";`);
  }
}
