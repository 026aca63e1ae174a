import { Migration } from '@mikro-orm/migrations';

export class Migration20261129182816 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`orders\` add column \`request_hash\` text null;`);
  }
}
