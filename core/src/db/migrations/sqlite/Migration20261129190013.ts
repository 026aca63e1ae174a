import { Migration } from '@mikro-orm/migrations';

export class Migration20261129190013 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`order_history\` (\`order_id\` text not null, \`store_id\` text not null, \`table_id\` text not null, \`table_label\` text not null, \`visit_id\` text not null, \`short_code\` text not null, \`status\` text not null, \`payment_method\` text null, \`total\` integer not null, \`refunded\` integer not null default 0, \`items\` text not null, \`item_count\` integer not null, \`created_at\` datetime not null, \`paid_at\` datetime null, \`cancelled_at\` datetime null, \`last_seq\` integer not null, primary key (\`order_id\`));`,
    );
    this.addSql(`create index \`order_history_store_id_created_at_index\` on \`order_history\` (\`store_id\`, \`created_at\`);`);
    this.addSql(
      `create index \`order_history_store_id_table_id_created_at_index\` on \`order_history\` (\`store_id\`, \`table_id\`, \`created_at\`);`,
    );
    this.addSql(`create index \`order_history_store_id_paid_at_index\` on \`order_history\` (\`store_id\`, \`paid_at\`);`);

    this.addSql(`alter table \`store\` add column \`business_day_start_hour\` integer not null default 0;`);
  }
}
