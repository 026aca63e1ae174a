import { Migration } from '@mikro-orm/migrations';

export class Migration20261129214803 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`alarm_acknowledgement\` (\`id\` text not null, \`store_id\` text not null, \`target_kind\` text not null, \`target_id\` text not null, \`acknowledged_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`alarm_acknowledgement_store_id_acknowledged_at_index\` on \`alarm_acknowledgement\` (\`store_id\`, \`acknowledged_at\`);`,
    );
    this.addSql(
      `create unique index \`alarm_acknowledgement_target_kind_target_id_unique\` on \`alarm_acknowledgement\` (\`target_kind\`, \`target_id\`);`,
    );

    this.addSql(`alter table \`store\` add column \`staff_call_presets\` json null;`);
    // Tablets cache the catalog by version: a new version brings them the store's staff-call presets.
    this.addSql(`update \`store\` set \`catalog_version\` = \`catalog_version\` + 1;`);
  }
}
