import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213427 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`store\` add column \`settings\` json not null default '{}';`);
  }
}
