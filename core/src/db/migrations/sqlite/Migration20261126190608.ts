import { Migration } from '@mikro-orm/migrations';

export class Migration20261126190608 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`outbox_event\` add column \`forwarded_at\` datetime null;`);
    // Events published before this column existed had reached the processors too: don't replay history.
    this.addSql(`update \`outbox_event\` set \`forwarded_at\` = \`published_at\`;`);
    this.addSql(
      `create index \`outbox_event_forwarded_at_store_id_seq_index\` on \`outbox_event\` (\`forwarded_at\`, \`store_id\`, \`seq\`);`,
    );
  }
}
