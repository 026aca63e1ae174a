import { Migration } from '@mikro-orm/migrations';

export class Migration20261130010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`event_failure\` (\`processor\` text not null, \`event_id\` text not null, \`store_id\` text not null, \`event_type\` text not null, \`error\` text not null, \`attempts\` integer not null, \`failed_at\` datetime not null, primary key (\`processor\`, \`event_id\`));`,
    );
    this.addSql(`create index \`event_failure_store_id_failed_at_index\` on \`event_failure\` (\`store_id\`, \`failed_at\`);`);
  }
}
