import { Migration } from '@mikro-orm/migrations';

export class Migration20261126185005 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`menu_pairing\` (\`store_id\` text not null, \`menu_id\` text not null, \`other_menu_id\` text not null, \`visits\` integer not null default 0, primary key (\`store_id\`, \`menu_id\`, \`other_menu_id\`));`,
    );

    this.addSql(
      `create table \`menu_popularity\` (\`store_id\` text not null, \`menu_id\` text not null, \`hour_of_day\` integer not null, \`score\` double not null default 0, \`updated_at\` datetime not null, primary key (\`store_id\`, \`menu_id\`, \`hour_of_day\`));`,
    );

    this.addSql(
      `create table \`sales_bucket\` (\`store_id\` text not null, \`day\` text not null, \`dimension\` text not null, \`bucket_key\` text not null, \`label_ko\` text not null default '', \`label_en\` text not null default '', \`orders\` integer not null default 0, \`items\` integer not null default 0, \`gross\` integer not null default 0, \`refunded_orders\` integer not null default 0, \`refunded_items\` integer not null default 0, \`refunds\` integer not null default 0, \`updated_at\` datetime not null, primary key (\`store_id\`, \`day\`, \`dimension\`, \`bucket_key\`));`,
    );

    this.addSql(
      `create table \`visit_basket\` (\`visit_id\` text not null, \`store_id\` text not null, \`menu_ids\` json not null, \`updated_at\` datetime not null, primary key (\`visit_id\`));`,
    );
  }
}
