import { Migration } from '@mikro-orm/migrations';

export class Migration20261130010001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "event_failure" ("processor" varchar(60) not null, "event_id" uuid not null, "store_id" uuid not null, "event_type" varchar(40) not null, "error" text not null, "attempts" int not null, "failed_at" timestamptz not null, constraint "event_failure_pkey" primary key ("processor", "event_id"));`,
    );
    this.addSql(`create index "event_failure_store_id_failed_at_index" on "event_failure" ("store_id", "failed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "event_failure" cascade;`);
  }
}
