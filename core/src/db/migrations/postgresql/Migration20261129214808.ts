import { Migration } from '@mikro-orm/migrations';

export class Migration20261129214808 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "alarm_acknowledgement" ("id" uuid not null, "store_id" uuid not null, "target_kind" varchar(12) not null, "target_id" uuid not null, "acknowledged_at" timestamptz not null, constraint "alarm_acknowledgement_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "alarm_acknowledgement_store_id_acknowledged_at_index" on "alarm_acknowledgement" ("store_id", "acknowledged_at");`,
    );
    this.addSql(
      `alter table "alarm_acknowledgement" add constraint "alarm_acknowledgement_target_kind_target_id_unique" unique ("target_kind", "target_id");`,
    );

    this.addSql(`alter table "store" add column "staff_call_presets" jsonb null;`);
    // Tablets cache the catalog by version: a new version brings them the store's staff-call presets.
    this.addSql(`update "store" set "catalog_version" = "catalog_version" + 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alarm_acknowledgement" cascade;`);

    this.addSql(`alter table "store" drop column "staff_call_presets";`);
  }
}
