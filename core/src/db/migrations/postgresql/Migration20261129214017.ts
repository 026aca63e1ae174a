import { Migration } from '@mikro-orm/migrations';

export class Migration20261129214017 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "payment_share" ("id" uuid not null, "store_id" uuid not null, "order_id" uuid not null, "device_id" uuid null, "amount" int not null, "claims" text not null default '', "payment_key" varchar(200) not null, "status" varchar(12) not null, "provider_status" varchar(30) null, "failure_code" varchar(60) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "approved_at" timestamptz null, "refunded_at" timestamptz null, constraint "payment_share_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "payment_share_order_id_index" on "payment_share" ("order_id");`);
    this.addSql(`alter table "payment_share" add constraint "payment_share_payment_key_unique" unique ("payment_key");`);
    this.addSql(`create index "payment_share_status_index" on "payment_share" ("status");`);

    this.addSql(
      `create table "share_claim" ("order_id" uuid not null, "claim" varchar(60) not null, "share_id" uuid not null, constraint "share_claim_pkey" primary key ("order_id", "claim"));`,
    );

    this.addSql(
      `create table "bill_split" ("order_id" uuid not null, "store_id" uuid not null, "total" int not null, "reserved" int not null default 0, "paid" int not null default 0, "state" varchar(8) not null default 'open', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "bill_split_pkey" primary key ("order_id"));`,
    );

    this.addSql(
      `alter table "payment_share" add constraint "payment_share_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "payment_share" add constraint "payment_share_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "payment_share" add constraint "payment_share_device_id_foreign" foreign key ("device_id") references "device" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "share_claim" add constraint "share_claim_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "share_claim" add constraint "share_claim_share_id_foreign" foreign key ("share_id") references "payment_share" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "bill_split" add constraint "bill_split_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "bill_split" add constraint "bill_split_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );

    this.addSql(`alter table "visit" add column "join_code" varchar(64) null;`);
    this.addSql(`alter table "visit" add constraint "visit_join_code_unique" unique ("join_code");`);

    this.addSql(`alter table "device" add column "visit_id" uuid null;`);
    this.addSql(
      `alter table "device" add constraint "device_visit_id_foreign" foreign key ("visit_id") references "visit" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "share_claim" drop constraint "share_claim_share_id_foreign";`);

    this.addSql(`drop table if exists "payment_share" cascade;`);

    this.addSql(`drop table if exists "share_claim" cascade;`);

    this.addSql(`drop table if exists "bill_split" cascade;`);

    this.addSql(`alter table "device" drop constraint "device_visit_id_foreign";`);

    this.addSql(`alter table "device" drop column "visit_id";`);

    this.addSql(`alter table "visit" drop constraint "visit_join_code_unique";`);
    this.addSql(`alter table "visit" drop column "join_code";`);
  }
}
