import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213444 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`refund_history\` (\`refund_id\` text not null, \`store_id\` text not null, \`order_id\` text not null, \`amount\` integer not null, \`payment_method\` text not null, \`refunded_at\` datetime not null, primary key (\`refund_id\`));`,
    );
    this.addSql(`create index \`refund_history_store_id_refunded_at_index\` on \`refund_history\` (\`store_id\`, \`refunded_at\`);`);

    this.addSql(
      `create table \`payment_refund\` (\`id\` text not null, \`store_id\` text not null, \`order_id\` text not null, \`idempotency_key\` text not null, \`amount\` integer not null, \`reason\` text not null, \`restock\` integer not null, \`lines\` json not null, \`method\` text not null, \`staff_id\` text null, \`status\` text not null, \`failure_code\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`refunded_at\` datetime null, constraint \`payment_refund_store_id_foreign\` foreign key(\`store_id\`) references \`store\`(\`id\`) on update cascade, constraint \`payment_refund_order_id_foreign\` foreign key(\`order_id\`) references \`orders\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`payment_refund_store_id_index\` on \`payment_refund\` (\`store_id\`);`);
    this.addSql(`create index \`payment_refund_order_id_index\` on \`payment_refund\` (\`order_id\`);`);
    this.addSql(`create index \`payment_refund_status_index\` on \`payment_refund\` (\`status\`);`);
    this.addSql(
      `create unique index \`payment_refund_order_id_idempotency_key_unique\` on \`payment_refund\` (\`order_id\`, \`idempotency_key\`);`,
    );

    // Refunds of whole-order cancels recorded before this read model existed: one row each, at the cancel time.
    this.addSql(`insert into refund_history (refund_id, store_id, order_id, amount, payment_method, refunded_at)
      select order_id, store_id, order_id, refunded, coalesce(payment_method, 'easy_pay'), cancelled_at from order_history
      where refunded > 0 and cancelled_at is not null;`);

    this.addSql(`alter table \`orders\` add column \`refunded_amount\` integer not null default 0;`);
    this.addSql(`alter table \`orders\` add column \`refunds\` json not null default '[]';`);

    this.addSql(`alter table \`order_line\` add column \`refunded_qty\` integer not null default 0;`);
  }
}
