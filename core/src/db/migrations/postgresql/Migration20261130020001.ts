import { Migration } from '@mikro-orm/migrations';

export class Migration20261130020001 extends Migration {
  override async up(): Promise<void> {
    // Staff's stock choice for a whole-order cancel on its way: reconciliation finishing a crashed one applies it.
    this.addSql(`alter table "payment" add column "cancel_restock" boolean null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "payment" drop column "cancel_restock";`);
  }
}
