import { Migration } from '@mikro-orm/migrations';

export class Migration20261129183359 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "staff" add column "session_version" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "staff" drop column "session_version";`);
  }
}
