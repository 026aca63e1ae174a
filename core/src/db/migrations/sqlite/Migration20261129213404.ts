import { Migration } from '@mikro-orm/migrations';
import { finishBackfilledHistory } from '../../../history/backfill-order-history';

export class Migration20261129213404 extends Migration {
  override async up(): Promise<void> {
    await this.execute(`alter table \`orders\` add column \`payment_method\` text null;`);
    // Orders paid before the column: the method `order.paid` recorded, else the counter payment's row (its status
    // names the method; a refunded counter payment only says it was the counter), else the easy-pay provider.
    await this.execute(
      `update \`orders\` set \`payment_method\` = e.\`method\` from (select \`aggregate_id\`, max(json_extract(\`payload\`, '$.method')) as \`method\` from \`outbox_event\` where \`type\` = 'order.paid' group by \`aggregate_id\`) e where e.\`aggregate_id\` = \`orders\`.\`id\` and \`orders\`.\`paid_at\` is not null and e.\`method\` in ('easy_pay', 'cash', 'card_terminal', 'other');`,
    );
    await this.execute(
      `update \`orders\` set \`payment_method\` = case when p.\`provider_status\` in ('COUNTER_CASH', 'COUNTER_CARD_TERMINAL', 'COUNTER_OTHER') then lower(substr(p.\`provider_status\`, 9)) else 'other' end from \`payment\` p where p.\`order_id\` = \`orders\`.\`id\` and p.\`payment_key\` like 'counter:%' and \`orders\`.\`paid_at\` is not null and \`orders\`.\`payment_method\` is null;`,
    );
    await this.execute(
      `update \`orders\` set \`payment_method\` = 'easy_pay' where \`paid_at\` is not null and \`payment_method\` is null;`,
    );

    // The history read model of the orders placed before it existed (their events were applied before its processor
    // was): their state as it is now, at the order's newest event so that only a later event replaces it.
    await this.execute(
      `insert into \`order_history\` (\`order_id\`, \`store_id\`, \`table_id\`, \`table_label\`, \`visit_id\`, \`short_code\`, \`status\`, \`payment_method\`, \`total\`, \`refunded\`, \`items\`, \`item_count\`, \`created_at\`, \`paid_at\`, \`cancelled_at\`, \`last_seq\`)
       select o.\`id\`, o.\`store_id\`, o.\`table_id\`, o.\`table_label\`, o.\`visit_id\`, '', o.\`status\`, o.\`payment_method\`, o.\`total\`,
              case when o.\`status\` = 'cancelled' and o.\`payment_state\` = 'cancelled' then o.\`total\` else 0 end, '',
              coalesce(l.\`qty\`, 0), o.\`created_at\`, o.\`paid_at\`, o.\`cancelled_at\`, coalesce(e.\`seq\`, 0)
         from \`orders\` o
         left join (select \`order_id\`, sum(\`qty\`) as \`qty\` from \`order_line\` group by \`order_id\`) l on l.\`order_id\` = o.\`id\`
         left join (select \`aggregate_id\`, max(\`seq\`) as \`seq\` from \`outbox_event\` where \`type\` like 'order.%' group by \`aggregate_id\`) e on e.\`aggregate_id\` = o.\`id\`
        where not exists (select 1 from \`order_history\` h where h.\`order_id\` = o.\`id\`);`,
    );
    await finishBackfilledHistory((sql, params) => this.execute(sql, params));
  }
}
