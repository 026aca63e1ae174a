import { Migration } from '@mikro-orm/migrations';

export class Migration20261129183909 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`print_job\` (\`id\` text not null, \`store_id\` text not null, \`kind\` text not null, \`duty\` text not null, \`dedupe_key\` text not null, \`order_id\` text null, \`table_label\` text not null, \`document\` text not null, \`status\` text not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`lease_until\` datetime null, \`claim_token\` text null, \`maybe_duplicate\` integer not null default false, \`printer_id\` text null, \`on_backup\` integer not null default false, \`last_error\` text null, \`created_at\` datetime not null, \`printed_at\` datetime null, primary key (\`id\`));`,
    );
    this.addSql(`create unique index \`print_job_dedupe_key_unique\` on \`print_job\` (\`dedupe_key\`);`);
    this.addSql(`create index \`print_job_status_store_id_duty_index\` on \`print_job\` (\`status\`, \`store_id\`, \`duty\`);`);
    this.addSql(`create index \`print_job_store_id_created_at_index\` on \`print_job\` (\`store_id\`, \`created_at\`);`);
    this.addSql(`create index \`print_job_order_id_index\` on \`print_job\` (\`order_id\`);`);

    this.addSql(
      `create table \`printer\` (\`id\` text not null, \`store_id\` text not null, \`name\` text not null, \`host\` text not null, \`port\` integer not null, \`duty\` text not null, \`backup_printer_id\` text null, \`last_ok_at\` datetime null, \`last_error_at\` datetime null, \`last_error\` text null, \`created_at\` datetime not null, constraint \`printer_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`printer_store_id_index\` on \`printer\` (\`store_id\`);`);
    this.addSql(`create index \`printer_store_id_duty_index\` on \`printer\` (\`store_id\`, \`duty\`);`);
  }
}
