import { Migration } from '@mikro-orm/migrations';

export class Migration20261129183910 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "print_job" ("id" uuid not null, "store_id" uuid not null, "kind" varchar(10) not null, "duty" varchar(20) not null, "dedupe_key" varchar(120) not null, "order_id" uuid null, "table_label" varchar(40) not null, "document" text not null, "status" varchar(10) not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "claim_token" uuid null, "maybe_duplicate" boolean not null default false, "printer_id" uuid null, "on_backup" boolean not null default false, "last_error" varchar(200) null, "created_at" timestamptz not null, "printed_at" timestamptz null, constraint "print_job_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "print_job" add constraint "print_job_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "print_job_status_store_id_duty_index" on "print_job" ("status", "store_id", "duty");`);
    this.addSql(`create index "print_job_store_id_created_at_index" on "print_job" ("store_id", "created_at");`);
    this.addSql(`create index "print_job_order_id_index" on "print_job" ("order_id");`);

    this.addSql(
      `create table "printer" ("id" uuid not null, "store_id" uuid not null, "name" varchar(40) not null, "host" varchar(253) not null, "port" int not null, "duty" varchar(20) not null, "backup_printer_id" uuid null, "last_ok_at" timestamptz null, "last_error_at" timestamptz null, "last_error" varchar(200) null, "created_at" timestamptz not null, constraint "printer_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "printer_store_id_duty_index" on "printer" ("store_id", "duty");`);

    this.addSql(
      `alter table "printer" add constraint "printer_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "print_job" cascade;`);

    this.addSql(`drop table if exists "printer" cascade;`);
  }
}
