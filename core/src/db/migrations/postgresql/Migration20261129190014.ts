import { Migration } from '@mikro-orm/migrations';

export class Migration20261129190014 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "order_history" ("order_id" uuid not null, "store_id" uuid not null, "table_id" uuid not null, "table_label" varchar(40) not null, "visit_id" uuid not null, "short_code" varchar(12) not null, "status" varchar(20) not null, "payment_method" varchar(30) null, "total" int not null, "refunded" int not null default 0, "items" varchar(1000) not null, "item_count" int not null, "created_at" timestamptz not null, "paid_at" timestamptz null, "cancelled_at" timestamptz null, "last_seq" int not null, constraint "order_history_pkey" primary key ("order_id"));`,
    );
    this.addSql(`create index "order_history_store_id_created_at_index" on "order_history" ("store_id", "created_at");`);
    this.addSql(
      `create index "order_history_store_id_table_id_created_at_index" on "order_history" ("store_id", "table_id", "created_at");`,
    );
    this.addSql(`create index "order_history_store_id_paid_at_index" on "order_history" ("store_id", "paid_at");`);

    this.addSql(`alter table "store" add column "business_day_start_hour" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "order_history" cascade;`);

    this.addSql(`alter table "store" drop column "business_day_start_hour";`);
  }
}
