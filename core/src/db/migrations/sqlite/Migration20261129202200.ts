import { Migration } from '@mikro-orm/migrations';

export class Migration20261129202200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`orders\` add column \`revision\` integer not null default 0;`);

    this.addSql(`alter table \`order_line\` add column \`station\` text not null default 'kitchen';`);
    this.addSql(`alter table \`order_line\` add column \`ready_at\` datetime null;`);
    // Lines ordered before stations were per line: their category's station, and ready when the order was served.
    this.addSql(
      `update \`order_line\` set \`station\` = coalesce((select c.\`station\` from \`category\` c where c.\`id\` = \`order_line\`.\`category_id\`), 'kitchen');`,
    );
    this.addSql(
      `update \`order_line\` set \`ready_at\` = (select o.\`served_at\` from \`orders\` o where o.\`id\` = \`order_line\`.\`order_id\`);`,
    );
  }
}
