import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import type { LocalizedText } from '@hiorder/domain/shared/locale';
import type { SqlSession } from '../db/direct-sql';
import { fromDbJson, placeholders } from '../db/sql';
import { presentOptionGroup } from './catalog.presenter';

/**
 * The store's live option groups with these ids and their options, for placement (plain rows on the hot path).
 * With `lockOptions` the option rows are read `for share` on PostgreSQL: a staff "sold out" waits for the
 * placements that already read the option, and a placement after it waits for its commit and reads it sold out,
 * so no order is placed with an option after the sold-out commit returned. (SQLite serialises writers anyway:
 * placement starts with `begin immediate`.) Another store's group or a deleted one is simply absent.
 */
export async function optionGroupsForPlacement(
  sql: SqlSession,
  storeId: string,
  groupIds: readonly string[],
  lockOptions: boolean,
): Promise<Map<string, OptionGroupDto>> {
  if (groupIds.length === 0) return new Map();
  const groups = await sql.all<{ id: string; name: unknown; min_choices: number; max_choices: number }>(
    `select id, name, min_choices, max_choices from option_group
      where store_id = ? and deleted_at is null and id in (${placeholders(groupIds.length)})`,
    [storeId, ...groupIds],
  );
  if (groups.length === 0) return new Map();
  const lock = lockOptions && sql.dialect === 'postgresql' ? ' order by id for share' : '';
  const options = await sql.all<{ id: string; group_id: string; name: unknown; price_delta: number; sold_out: unknown; position: number }>(
    `select id, group_id, name, price_delta, sold_out, position from menu_option
      where store_id = ? and group_id in (${placeholders(groups.length)})${lock}`,
    [storeId, ...groups.map((g) => g.id)],
  );
  return new Map(
    groups.map((g) => [
      g.id,
      presentOptionGroup(
        { id: g.id, name: fromDbJson<LocalizedText>(g.name), minChoices: Number(g.min_choices), maxChoices: Number(g.max_choices) },
        options
          .filter((o) => o.group_id === g.id)
          .map((o) => ({
            id: o.id,
            name: fromDbJson<LocalizedText>(o.name),
            priceDelta: Number(o.price_delta),
            soldOut: Boolean(o.sold_out),
            position: Number(o.position),
          })),
      ),
    ]),
  );
}
