import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213355 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "store" add column "attract_screen" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "store" drop column "attract_screen";`);
  }
}
