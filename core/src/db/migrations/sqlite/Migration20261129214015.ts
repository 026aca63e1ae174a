import { Migration } from '@mikro-orm/migrations';

export class Migration20261129214015 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`payment_share\` (\`id\` text not null, \`store_id\` text not null, \`order_id\` text not null, \`device_id\` text null, \`amount\` integer not null, \`claims\` text not null default '', \`payment_key\` text not null, \`status\` text not null, \`provider_status\` text null, \`failure_code\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`approved_at\` datetime null, \`refunded_at\` datetime null, constraint \`payment_share_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, constraint \`payment_share_order_id_foreign\` foreign key(\`order_id\`) references \`orders\`(\`id\`) on update cascade, constraint \`payment_share_device_id_foreign\` foreign key(\`device_id\`) references \`device\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`payment_share_store_id_index\` on \`payment_share\` (\`store_id\`);`);
    this.addSql(`create index \`payment_share_order_id_index\` on \`payment_share\` (\`order_id\`);`);
    this.addSql(`create index \`payment_share_device_id_index\` on \`payment_share\` (\`device_id\`);`);
    this.addSql(`create unique index \`payment_share_payment_key_unique\` on \`payment_share\` (\`payment_key\`);`);
    this.addSql(`create index \`payment_share_status_index\` on \`payment_share\` (\`status\`);`);

    this.addSql(
      `create table \`share_claim\` (\`order_id\` text not null, \`claim\` text not null, \`share_id\` text not null, constraint \`share_claim_order_id_foreign\` foreign key(\`order_id\`) references \`orders\`(\`id\`) on update cascade, constraint \`share_claim_share_id_foreign\` foreign key(\`share_id\`) references \`payment_share\`(\`id\`) on delete cascade on update cascade, primary key (\`order_id\`, \`claim\`));`,
    );
    this.addSql(`create index \`share_claim_order_id_index\` on \`share_claim\` (\`order_id\`);`);
    this.addSql(`create index \`share_claim_share_id_index\` on \`share_claim\` (\`share_id\`);`);

    this.addSql(
      `create table \`bill_split\` (\`order_id\` text not null, \`store_id\` text not null, \`total\` integer not null, \`reserved\` integer not null default 0, \`paid\` integer not null default 0, \`state\` text not null default 'open', \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`bill_split_order_id_foreign\` foreign key(\`order_id\`) references \`orders\`(\`id\`) on delete cascade on update cascade, constraint \`bill_split_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, primary key (\`order_id\`));`,
    );
    this.addSql(`create index \`bill_split_store_id_index\` on \`bill_split\` (\`store_id\`);`);

    this.addSql(`alter table \`visit\` add column \`join_code\` text null;`);
    this.addSql(`create unique index \`visit_join_code_unique\` on \`visit\` (\`join_code\`);`);

    this.addSql(
      `alter table \`device\` add column \`visit_id\` text null constraint \`device_visit_id_foreign\` references \`visit\` (\`id\`) on update cascade on delete set null;`,
    );
    this.addSql(`create index \`device_visit_id_index\` on \`device\` (\`visit_id\`);`);
  }
}
