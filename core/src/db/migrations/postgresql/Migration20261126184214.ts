import { Migration } from '@mikro-orm/migrations';

export class Migration20261126184214 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outbox_event" ("id" uuid not null, "store_id" uuid not null, "type" varchar(40) not null, "aggregate_id" uuid not null, "seq" int null, "occurred_at" timestamptz not null, "payload" jsonb not null, "published_at" timestamptz null, constraint "outbox_event_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_event_seq_id_index" on "outbox_event" ("seq", "id");`);
    this.addSql(`create index "outbox_event_published_at_store_id_seq_index" on "outbox_event" ("published_at", "store_id", "seq");`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_store_id_seq_unique" unique ("store_id", "seq");`);

    this.addSql(
      `create table "processed_event" ("consumer" varchar(60) not null, "event_id" uuid not null, "processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`,
    );

    this.addSql(
      `create table "relay_lease" ("name" varchar(40) not null, "holder" varchar(80) not null, "expires_at" timestamptz not null, constraint "relay_lease_pkey" primary key ("name"));`,
    );

    this.addSql(
      `create table "store" ("id" uuid not null, "slug" varchar(60) not null, "name" varchar(120) not null, "time_zone" varchar(60) not null, "catalog_version" int not null default 1, "last_event_seq" int not null default 0, "created_at" timestamptz not null, constraint "store_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "store" add constraint "store_slug_unique" unique ("slug");`);

    this.addSql(
      `create table "staff" ("id" uuid not null, "store_id" uuid not null, "username" varchar(60) not null, "display_name" varchar(80) not null, "password_hash" varchar(200) not null, "role" varchar(10) not null, "disabled" boolean not null default false, "created_at" timestamptz not null, constraint "staff_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "staff" add constraint "staff_username_unique" unique ("username");`);

    this.addSql(
      `create table "refresh_token" ("id" uuid not null, "staff_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "created_at" timestamptz not null, constraint "refresh_token_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "dining_table" ("id" uuid not null, "store_id" uuid not null, "label" varchar(40) not null, "position" int not null default 0, "lock_version" int not null default 0, "created_at" timestamptz not null, constraint "dining_table_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "pairing_code" ("id" uuid not null, "store_id" uuid not null, "code" varchar(8) not null, "role" varchar(10) not null, "table_id" uuid null, "name" varchar(40) not null default '', "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, constraint "pairing_code_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "pairing_code" add constraint "pairing_code_code_unique" unique ("code");`);

    this.addSql(
      `create table "device" ("id" uuid not null, "store_id" uuid not null, "table_id" uuid null, "role" varchar(10) not null, "name" varchar(40) not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "last_seen_at" timestamptz null, "revoked_at" timestamptz null, constraint "device_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "device" add constraint "device_token_hash_unique" unique ("token_hash");`);

    this.addSql(
      `create table "category" ("id" uuid not null, "store_id" uuid not null, "name_ko" varchar(80) not null, "name_en" varchar(80) not null default '', "position" int not null default 0, "station" varchar(10) not null default 'kitchen', "created_at" timestamptz not null, constraint "category_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "menu" ("id" uuid not null, "store_id" uuid not null, "category_id" uuid not null, "name_ko" varchar(80) not null, "name_en" varchar(80) not null default '', "description_ko" text not null default '', "description_en" text not null default '', "price" int not null, "photo_file" varchar(120) null, "course" varchar(10) not null, "stock" int null, "limit_per_visit" int null, "sold_out" boolean not null default false, "hidden" boolean not null default false, "recommended" boolean not null default false, "position" int not null default 0, "deleted_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "menu_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "visit" ("id" uuid not null, "store_id" uuid not null, "table_id" uuid not null, "opened_at" timestamptz not null, "closed_at" timestamptz null, constraint "visit_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "visit_table_id_closed_at_index" on "visit" ("table_id", "closed_at");`);

    this.addSql(
      `create table "orders" ("id" uuid not null, "store_id" uuid not null, "table_id" uuid not null, "table_label" varchar(40) not null, "visit_id" uuid not null, "device_id" uuid not null, "idempotency_key" varchar(100) not null, "status" varchar(20) not null, "payment_state" varchar(12) not null default 'none', "total" int not null, "note" varchar(200) not null default '', "created_at" timestamptz not null, "expires_at" timestamptz not null, "paid_at" timestamptz null, "accepted_at" timestamptz null, "served_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" varchar(200) null, "updated_at" timestamptz not null, constraint "orders_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "orders_store_id_created_at_index" on "orders" ("store_id", "created_at");`);
    this.addSql(`create index "orders_status_expires_at_index" on "orders" ("status", "expires_at");`);
    this.addSql(`alter table "orders" add constraint "orders_device_id_idempotency_key_unique" unique ("device_id", "idempotency_key");`);

    this.addSql(
      `create table "payment" ("id" uuid not null, "store_id" uuid not null, "order_id" uuid not null, "payment_key" varchar(200) not null, "amount" int not null, "status" varchar(12) not null, "provider_status" varchar(30) null, "failure_code" varchar(60) null, "attempts" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, "approved_at" timestamptz null, "cancelled_at" timestamptz null, constraint "payment_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "payment" add constraint "payment_order_id_unique" unique ("order_id");`);
    this.addSql(`create index "payment_status_index" on "payment" ("status");`);

    this.addSql(
      `create table "order_line" ("id" uuid not null, "order_id" uuid not null, "position" int not null, "menu_id" uuid not null, "category_id" uuid not null, "name_ko" varchar(80) not null, "name_en" varchar(80) not null, "course" varchar(10) not null, "qty" int not null, "unit_price" int not null, "line_total" int not null, constraint "order_line_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "order_line_menu_id_index" on "order_line" ("menu_id");`);

    this.addSql(
      `alter table "staff" add constraint "staff_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "dining_table" add constraint "dining_table_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "pairing_code" add constraint "pairing_code_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "pairing_code" add constraint "pairing_code_table_id_foreign" foreign key ("table_id") references "dining_table" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "device" add constraint "device_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "device" add constraint "device_table_id_foreign" foreign key ("table_id") references "dining_table" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "category" add constraint "category_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "menu" add constraint "menu_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "menu" add constraint "menu_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "visit" add constraint "visit_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "visit" add constraint "visit_table_id_foreign" foreign key ("table_id") references "dining_table" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "orders" add constraint "orders_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "orders" add constraint "orders_table_id_foreign" foreign key ("table_id") references "dining_table" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "orders" add constraint "orders_visit_id_foreign" foreign key ("visit_id") references "visit" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "orders" add constraint "orders_device_id_foreign" foreign key ("device_id") references "device" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "payment" add constraint "payment_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "payment" add constraint "payment_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "order_line" add constraint "order_line_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade;`,
    );
  }
}
