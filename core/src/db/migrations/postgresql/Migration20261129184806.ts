import { Migration } from '@mikro-orm/migrations';

export class Migration20261129184806 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "option_group" ("id" uuid not null, "store_id" uuid not null, "name" jsonb not null, "min_choices" int not null default 0, "max_choices" int not null default 1, "deleted_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "option_group_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "option_group_store_id_index" on "option_group" ("store_id");`);

    this.addSql(
      `create table "menu_option" ("id" uuid not null, "group_id" uuid not null, "store_id" uuid not null, "name" jsonb not null, "price_delta" int not null default 0, "sold_out" boolean not null default false, "position" int not null default 0, constraint "menu_option_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "menu_option_group_id_index" on "menu_option" ("group_id");`);
    this.addSql(`create index "menu_option_store_id_index" on "menu_option" ("store_id");`);

    this.addSql(
      `alter table "option_group" add constraint "option_group_store_id_foreign" foreign key ("store_id") references "store" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "menu_option" add constraint "menu_option_group_id_foreign" foreign key ("group_id") references "option_group" ("id") on update cascade;`,
    );

    this.addSql(`alter table "menu" add column "option_group_ids" jsonb not null default '[]';`);

    this.addSql(
      `alter table "order_line" add column "options" jsonb not null default '[]', add column "note" varchar(200) not null default '';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "menu_option" drop constraint "menu_option_group_id_foreign";`);

    this.addSql(`drop table if exists "option_group" cascade;`);

    this.addSql(`drop table if exists "menu_option" cascade;`);

    this.addSql(`alter table "menu" drop column "option_group_ids";`);

    this.addSql(`alter table "order_line" drop column "options", drop column "note";`);
  }
}
