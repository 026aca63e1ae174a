import { Migration } from '@mikro-orm/migrations';

export class Migration20261129194205 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`outbox_event\` add column \`applied_at\` datetime null;`);
    // Events forwarded before the sweeper existed count as applied: the sweeper starts from now, not from a
    // re-read of the whole history (which could also re-apply events to processors added since).
    this.addSql(`update \`outbox_event\` set \`applied_at\` = \`forwarded_at\` where \`forwarded_at\` is not null;`);
    this.addSql(`create index \`outbox_event_applied_at_forwarded_at_index\` on \`outbox_event\` (\`applied_at\`, \`forwarded_at\`);`);
  }
}
