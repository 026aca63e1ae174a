import { avoidedAllergensIn } from '@hiorder/domain/catalog/allergen-filter';
import { ALLERGENS, type Allergen } from '@hiorder/domain/catalog/menu-labels';
import { isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { EMPTY_VISIT, describeViolation, evaluateOrder, violationGroupId } from '@hiorder/domain/ordering/order-rules';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon, sumWon } from '@hiorder/domain/shared/money';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { addToCart } from '../cart/actions';
import { db } from '../db/db';
import { Dialog } from '../ui/Dialog';
import { useLocale } from '../ui/i18n';
import { MenuBadges, MenuPhoto } from './MenuCard';
import { chosenOptions, OptionPicker } from './OptionPicker';

/**
 * A dish in full, with its option groups and a request for the kitchen; its quantity stops where the rules would
 * (`addable`: the domain's addableQty, null when unbounded). The options are checked by the domain's rules on this
 * one line, so "add" stays disabled with the group named until the choice is one the server will accept.
 */
export function MenuDetailSheet({
  menu,
  addable,
  avoid = [],
  onClose,
}: {
  menu: MenuDto;
  addable: number | null;
  /** The guest's allergy filter: a dish opened anyway (from the cart, say) says which avoided allergens it has. */
  avoid?: readonly Allergen[];
  onClose: () => void;
}) {
  const { t, locale } = useLocale();
  const avoided = avoidedAllergensIn(menu.labels, avoid);
  const [qty, setQty] = useState(1);
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [note, setNote] = useState('');
  const groups =
    useLiveQuery(
      async () => (await db.optionGroups.bulkGet(menu.optionGroupIds)).flatMap((g) => (g ? [g] : [])),
      [menu.optionGroupIds.join()],
    ) ?? [];
  const chosen = chosenOptions(groups, picked);
  const verdict = evaluateOrder(
    [{ menuId: menu.id, qty: 1, options: [...picked] }],
    new Map([[menu.id, { ...menu, stock: null, limitPerVisit: null, optionGroups: groups }]]),
    EMPTY_VISIT,
  );
  const problems = new Map<string, string>();
  if (!verdict.ok) {
    for (const v of verdict.violations) {
      const groupId = violationGroupId(v);
      const group = groups.find((g) => g.id === groupId);
      if (groupId && group)
        problems.set(groupId, describeViolation(v, localized(menu.name, locale), locale, localized(group.name, locale)));
    }
  }
  const orderable = isOrderable(menu) && addable !== 0;
  const choiceOk = verdict.ok;
  const unitPrice = menu.price + sumWon(chosen.map((o) => o.priceDelta));
  const max = Math.min(addable ?? 99, 99);
  return (
    <Dialog label={localized(menu.name, locale)} onClose={onClose}>
      <div className="sheet detail-sheet">
        <MenuPhoto menu={menu} className="detail-photo" />
        <div className="detail-body">
          <MenuBadges menu={menu} popular={false} />
          <h2>{localized(menu.name, locale)}</h2>
          <div className="detail-price">{formatWon(menu.price, locale)}</div>
          {avoided.length > 0 && (
            <p className="allergy-warning" role="alert">
              {t('allergyContains', { list: avoided.map((a) => ALLERGENS[a][locale]).join(', ') })}
            </p>
          )}
          {localized(menu.description, locale) && <p className="detail-desc">{localized(menu.description, locale)}</p>}
          {(menu.labels.origin || menu.labels.allergens.length > 0) && (
            <dl className="detail-labels">
              {menu.labels.origin && (
                <>
                  <dt>{t('origin')}</dt>
                  <dd>{menu.labels.origin}</dd>
                </>
              )}
              {menu.labels.allergens.length > 0 && (
                <>
                  <dt>{t('allergens')}</dt>
                  <dd>{menu.labels.allergens.map((a) => ALLERGENS[a][locale]).join(', ')}</dd>
                </>
              )}
            </dl>
          )}
          {groups.length > 0 && (
            <OptionPicker
              groups={groups}
              picked={picked}
              onChange={setPicked}
              problems={picked.size > 0 || !choiceOk ? problems : new Map()}
            />
          )}
          <label className="line-note">
            {t('lineNote')}
            <input
              type="text"
              value={note}
              maxLength={LIMITS.maxLineNoteLength}
              placeholder={t('lineNoteHint')}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="detail-actions">
            <div className="stepper" aria-label="qty">
              <button type="button" className="step" onClick={() => setQty((q) => Math.max(1, q - 1))} disabled={!orderable}>
                −
              </button>
              <span className="step-value">{qty}</span>
              <button
                type="button"
                className="step"
                onClick={() => setQty((q) => Math.min(max, q + 1))}
                disabled={!orderable || qty >= max}
              >
                +
              </button>
            </div>
            <button
              type="button"
              className="btn btn-primary btn-grow"
              disabled={!orderable || !choiceOk}
              onClick={() => {
                void addToCart(menu.id, qty, Date.now(), { chosen, note });
                onClose();
              }}
            >
              {orderable ? (
                <>
                  <span className="nowrap">{t('addToCart')}</span> <span className="nowrap">· {formatWon(unitPrice * qty, locale)}</span>
                </>
              ) : isOrderable(menu) ? (
                t('limitReached', { name: localized(menu.name, locale) })
              ) : (
                t('soldOut')
              )}
            </button>
          </div>
          <button type="button" className="btn btn-ghost btn-block" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
