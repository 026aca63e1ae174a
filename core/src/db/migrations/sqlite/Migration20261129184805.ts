import { Migration } from '@mikro-orm/migrations';

export class Migration20261129184805 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`option_group\` (\`id\` text not null, \`store_id\` text not null, \`name\` json not null, \`min_choices\` integer not null default 0, \`max_choices\` integer not null default 1, \`deleted_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`option_group_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`option_group_store_id_index\` on \`option_group\` (\`store_id\`);`);

    this.addSql(
      `create table \`menu_option\` (\`id\` text not null, \`group_id\` text not null, \`store_id\` text not null, \`name\` json not null, \`price_delta\` integer not null default 0, \`sold_out\` integer not null default false, \`position\` integer not null default 0, constraint \`menu_option_group_id_foreign\` foreign key(\`group_id\`) references \`option_group\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`menu_option_group_id_index\` on \`menu_option\` (\`group_id\`);`);
    this.addSql(`create index \`menu_option_store_id_index\` on \`menu_option\` (\`store_id\`);`);

    this.addSql(`alter table \`menu\` add column \`option_group_ids\` json not null default '[]';`);

    this.addSql(`alter table \`order_line\` add column \`options\` json not null default '[]';`);
    this.addSql(`alter table \`order_line\` add column \`note\` text not null default '';`);
  }
}
