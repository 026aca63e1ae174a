import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213354 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`store\` add column \`attract_screen\` json null;`);
  }
}
