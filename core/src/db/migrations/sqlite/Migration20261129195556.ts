import { Migration } from '@mikro-orm/migrations';

export class Migration20261129195556 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`menu\` add column \`labels\` json not null default '{}';`);
  }
}
