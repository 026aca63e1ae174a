import { Migration } from '@mikro-orm/migrations';

export class Migration20261129182817 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "orders" add column "request_hash" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "orders" drop column "request_hash";`);
  }
}
