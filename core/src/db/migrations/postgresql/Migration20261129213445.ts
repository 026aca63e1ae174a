import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213445 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "refund_history" ("refund_id" uuid not null, "store_id" uuid not null, "order_id" uuid not null, "amount" int not null, "payment_method" varchar(30) not null, "refunded_at" timestamptz not null, constraint "refund_history_pkey" primary key ("refund_id"));`,
    );
    this.addSql(`create index "refund_history_store_id_refunded_at_index" on "refund_history" ("store_id", "refunded_at");`);

    this.addSql(
      `create table "payment_refund" ("id" uuid not null, "store_id" uuid not null, "order_id" uuid not null, "idempotency_key" varchar(100) not null, "amount" int not null, "reason" varchar(200) not null, "restock" boolean not null, "lines" jsonb not null, "method" varchar(20) not null, "staff_id" uuid null, "status" varchar(12) not null, "failure_code" varchar(60) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "refunded_at" timestamptz null, constraint "payment_refund_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "payment_refund_status_index" on "payment_refund" ("status");`);
    this.addSql(
      `alter table "payment_refund" add constraint "payment_refund_order_id_idempotency_key_unique" unique ("order_id", "idempotency_key");`,
    );

    this.addSql(
      `alter table "payment_refund" add constraint "payment_refund_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "payment_refund" add constraint "payment_refund_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade;`,
    );

    // Refunds of whole-order cancels recorded before this read model existed: one row each, at the cancel time.
    this.addSql(`insert into refund_history (refund_id, store_id, order_id, amount, payment_method, refunded_at)
      select order_id, store_id, order_id, refunded, coalesce(payment_method, 'easy_pay'), cancelled_at from order_history
      where refunded > 0 and cancelled_at is not null;`);

    this.addSql(
      `alter table "orders" add column "refunded_amount" int not null default 0, add column "refunds" jsonb not null default '[]';`,
    );

    this.addSql(`alter table "order_line" add column "refunded_qty" int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "refund_history" cascade;`);

    this.addSql(`drop table if exists "payment_refund" cascade;`);

    this.addSql(`alter table "order_line" drop column "refunded_qty";`);

    this.addSql(`alter table "orders" drop column "refunded_amount", drop column "refunds";`);
  }
}
