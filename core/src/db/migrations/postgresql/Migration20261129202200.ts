import { Migration } from '@mikro-orm/migrations';

export class Migration20261129202200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "orders" add column "revision" int not null default 0;`);

    this.addSql(
      `alter table "order_line" add column "station" varchar(10) not null default 'kitchen', add column "ready_at" timestamptz null;`,
    );
    // Lines ordered before stations were per line: their category's station, and ready when the order was served.
    this.addSql(`update "order_line" l set "station" = c."station" from "category" c where c."id" = l."category_id";`);
    this.addSql(
      `update "order_line" l set "ready_at" = o."served_at" from "orders" o where o."id" = l."order_id" and o."served_at" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order_line" drop column "station", drop column "ready_at";`);

    this.addSql(`alter table "orders" drop column "revision";`);
  }
}
