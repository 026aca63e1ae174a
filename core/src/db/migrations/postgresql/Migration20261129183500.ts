import { Migration } from '@mikro-orm/migrations';

export class Migration20261129183500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "store" add column "visit_idle_close_minutes" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "store" drop column "visit_idle_close_minutes";`);
  }
}
