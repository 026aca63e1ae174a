import { Migration } from '@mikro-orm/migrations';

export class Migration20261126185006 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "menu_pairing" ("store_id" uuid not null, "menu_id" uuid not null, "other_menu_id" uuid not null, "visits" int not null default 0, constraint "menu_pairing_pkey" primary key ("store_id", "menu_id", "other_menu_id"));`,
    );

    this.addSql(
      `create table "menu_popularity" ("store_id" uuid not null, "menu_id" uuid not null, "hour_of_day" int not null, "score" double precision not null default 0, "updated_at" timestamptz not null, constraint "menu_popularity_pkey" primary key ("store_id", "menu_id", "hour_of_day"));`,
    );

    this.addSql(
      `create table "sales_bucket" ("store_id" uuid not null, "day" varchar(10) not null, "dimension" varchar(10) not null, "bucket_key" varchar(40) not null, "label_ko" varchar(80) not null default '', "label_en" varchar(80) not null default '', "orders" int not null default 0, "items" int not null default 0, "gross" int not null default 0, "refunded_orders" int not null default 0, "refunded_items" int not null default 0, "refunds" int not null default 0, "updated_at" timestamptz not null, constraint "sales_bucket_pkey" primary key ("store_id", "day", "dimension", "bucket_key"));`,
    );

    this.addSql(
      `create table "visit_basket" ("visit_id" uuid not null, "store_id" uuid not null, "menu_ids" jsonb not null, "updated_at" timestamptz not null, constraint "visit_basket_pkey" primary key ("visit_id"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "menu_pairing" cascade;`);

    this.addSql(`drop table if exists "menu_popularity" cascade;`);

    this.addSql(`drop table if exists "sales_bucket" cascade;`);

    this.addSql(`drop table if exists "visit_basket" cascade;`);
  }
}
