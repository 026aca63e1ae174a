import { Migration } from '@mikro-orm/migrations';

export class Migration20261126184213 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`outbox_event\` (\`id\` text not null, \`store_id\` text not null, \`type\` text not null, \`aggregate_id\` text not null, \`seq\` integer null, \`occurred_at\` datetime not null, \`payload\` json not null, \`published_at\` datetime null, primary key (\`id\`));`,
    );
    this.addSql(`create index \`outbox_event_seq_id_index\` on \`outbox_event\` (\`seq\`, \`id\`);`);
    this.addSql(
      `create index \`outbox_event_published_at_store_id_seq_index\` on \`outbox_event\` (\`published_at\`, \`store_id\`, \`seq\`);`,
    );
    this.addSql(`create unique index \`outbox_event_store_id_seq_unique\` on \`outbox_event\` (\`store_id\`, \`seq\`);`);

    this.addSql(
      `create table \`processed_event\` (\`consumer\` text not null, \`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`consumer\`, \`event_id\`));`,
    );

    this.addSql(
      `create table \`relay_lease\` (\`name\` text not null, \`holder\` text not null, \`expires_at\` datetime not null, primary key (\`name\`));`,
    );

    this.addSql(
      `create table \`store\` (\`id\` text not null, \`slug\` text not null, \`name\` text not null, \`time_zone\` text not null, \`catalog_version\` integer not null default 1, \`last_event_seq\` integer not null default 0, \`created_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`store_slug_unique\` on \`store\` (\`slug\`);`);

    this.addSql(
      `create table \`staff\` (\`id\` text not null, \`store_id\` text not null, \`username\` text not null, \`display_name\` text not null, \`password_hash\` text not null, \`role\` text not null, \`disabled\` integer not null default false, \`created_at\` datetime not null, constraint \`staff_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`staff_store_id_index\` on \`staff\` (\`store_id\`);`);
    this.addSql(`create unique index \`staff_username_unique\` on \`staff\` (\`username\`);`);

    this.addSql(
      `create table \`refresh_token\` (\`id\` text not null, \`staff_id\` text not null, \`token_hash\` text not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`created_at\` datetime not null, constraint \`refresh_token_staff_id_foreign\` foreign key(\`staff_id\`) references \`staff\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`refresh_token_staff_id_index\` on \`refresh_token\` (\`staff_id\`);`);
    this.addSql(`create unique index \`refresh_token_token_hash_unique\` on \`refresh_token\` (\`token_hash\`);`);

    this.addSql(
      `create table \`dining_table\` (\`id\` text not null, \`store_id\` text not null, \`label\` text not null, \`position\` integer not null default 0, \`lock_version\` integer not null default 0, \`created_at\` datetime not null, constraint \`dining_table_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`dining_table_store_id_index\` on \`dining_table\` (\`store_id\`);`);

    this.addSql(
      `create table \`pairing_code\` (\`id\` text not null, \`store_id\` text not null, \`code\` text not null, \`role\` text not null, \`table_id\` text null, \`name\` text not null default '', \`expires_at\` datetime not null, \`used_at\` datetime null, \`created_at\` datetime not null, constraint \`pairing_code_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, constraint \`pairing_code_table_id_foreign\` foreign key(\`table_id\`) references \`dining_table\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`pairing_code_store_id_index\` on \`pairing_code\` (\`store_id\`);`);
    this.addSql(`create unique index \`pairing_code_code_unique\` on \`pairing_code\` (\`code\`);`);
    this.addSql(`create index \`pairing_code_table_id_index\` on \`pairing_code\` (\`table_id\`);`);

    this.addSql(
      `create table \`device\` (\`id\` text not null, \`store_id\` text not null, \`table_id\` text null, \`role\` text not null, \`name\` text not null, \`token_hash\` text not null, \`created_at\` datetime not null, \`last_seen_at\` datetime null, \`revoked_at\` datetime null, constraint \`device_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, constraint \`device_table_id_foreign\` foreign key(\`table_id\`) references \`dining_table\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`device_store_id_index\` on \`device\` (\`store_id\`);`);
    this.addSql(`create index \`device_table_id_index\` on \`device\` (\`table_id\`);`);
    this.addSql(`create unique index \`device_token_hash_unique\` on \`device\` (\`token_hash\`);`);

    this.addSql(
      `create table \`category\` (\`id\` text not null, \`store_id\` text not null, \`name_ko\` text not null, \`name_en\` text not null default '', \`position\` integer not null default 0, \`station\` text not null default 'kitchen', \`created_at\` datetime not null, constraint \`category_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`category_store_id_index\` on \`category\` (\`store_id\`);`);

    this.addSql(
      `create table \`menu\` (\`id\` text not null, \`store_id\` text not null, \`category_id\` text not null, \`name_ko\` text not null, \`name_en\` text not null default '', \`description_ko\` text not null default '', \`description_en\` text not null default '', \`price\` integer not null, \`photo_file\` text null, \`course\` text not null, \`stock\` integer null, \`limit_per_visit\` integer null, \`sold_out\` integer not null default false, \`hidden\` integer not null default false, \`recommended\` integer not null default false, \`position\` integer not null default 0, \`deleted_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`menu_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, constraint \`menu_category_id_foreign\` foreign key(\`category_id\`) references \`category\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`menu_store_id_index\` on \`menu\` (\`store_id\`);`);
    this.addSql(`create index \`menu_category_id_index\` on \`menu\` (\`category_id\`);`);

    this.addSql(
      `create table \`visit\` (\`id\` text not null, \`store_id\` text not null, \`table_id\` text not null, \`opened_at\` datetime not null, \`closed_at\` datetime null, constraint \`visit_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, constraint \`visit_table_id_foreign\` foreign key(\`table_id\`) references \`dining_table\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`visit_store_id_index\` on \`visit\` (\`store_id\`);`);
    this.addSql(`create index \`visit_table_id_index\` on \`visit\` (\`table_id\`);`);
    this.addSql(`create index \`visit_table_id_closed_at_index\` on \`visit\` (\`table_id\`, \`closed_at\`);`);

    this.addSql(
      `create table \`orders\` (\`id\` text not null, \`store_id\` text not null, \`table_id\` text not null, \`table_label\` text not null, \`visit_id\` text not null, \`device_id\` text not null, \`idempotency_key\` text not null, \`status\` text not null, \`payment_state\` text not null default 'none', \`total\` integer not null, \`note\` text not null default '', \`created_at\` datetime not null, \`expires_at\` datetime not null, \`paid_at\` datetime null, \`accepted_at\` datetime null, \`served_at\` datetime null, \`cancelled_at\` datetime null, \`cancel_reason\` text null, \`updated_at\` datetime not null, constraint \`orders_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, constraint \`orders_table_id_foreign\` foreign key(\`table_id\`) references \`dining_table\`(\`id\`) on update cascade, constraint \`orders_visit_id_foreign\` foreign key(\`visit_id\`) references \`visit\`(\`id\`) on update cascade, constraint \`orders_device_id_foreign\` foreign key(\`device_id\`) references \`device\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`orders_store_id_index\` on \`orders\` (\`store_id\`);`);
    this.addSql(`create index \`orders_table_id_index\` on \`orders\` (\`table_id\`);`);
    this.addSql(`create index \`orders_visit_id_index\` on \`orders\` (\`visit_id\`);`);
    this.addSql(`create index \`orders_device_id_index\` on \`orders\` (\`device_id\`);`);
    this.addSql(`create index \`orders_store_id_created_at_index\` on \`orders\` (\`store_id\`, \`created_at\`);`);
    this.addSql(`create index \`orders_status_expires_at_index\` on \`orders\` (\`status\`, \`expires_at\`);`);
    this.addSql(`create unique index \`orders_device_id_idempotency_key_unique\` on \`orders\` (\`device_id\`, \`idempotency_key\`);`);

    this.addSql(
      `create table \`payment\` (\`id\` text not null, \`store_id\` text not null, \`order_id\` text not null, \`payment_key\` text not null, \`amount\` integer not null, \`status\` text not null, \`provider_status\` text null, \`failure_code\` text null, \`attempts\` integer not null default 0, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`approved_at\` datetime null, \`cancelled_at\` datetime null, constraint \`payment_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, constraint \`payment_order_id_foreign\` foreign key(\`order_id\`) references \`orders\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`payment_store_id_index\` on \`payment\` (\`store_id\`);`);
    this.addSql(`create index \`payment_order_id_index\` on \`payment\` (\`order_id\`);`);
    this.addSql(`create unique index \`payment_order_id_unique\` on \`payment\` (\`order_id\`);`);
    this.addSql(`create index \`payment_status_index\` on \`payment\` (\`status\`);`);

    this.addSql(
      `create table \`order_line\` (\`id\` text not null, \`order_id\` text not null, \`position\` integer not null, \`menu_id\` text not null, \`category_id\` text not null, \`name_ko\` text not null, \`name_en\` text not null, \`course\` text not null, \`qty\` integer not null, \`unit_price\` integer not null, \`line_total\` integer not null, constraint \`order_line_order_id_foreign\` foreign key(\`order_id\`) references \`orders\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`order_line_order_id_index\` on \`order_line\` (\`order_id\`);`);
    this.addSql(`create index \`order_line_menu_id_index\` on \`order_line\` (\`menu_id\`);`);
  }
}
