import { isRequiredGroup, type ChosenOption, type OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import { localized } from '@hiorder/domain/shared/locale';
import { formatWon } from '@hiorder/domain/shared/money';
import { useLocale } from '../ui/i18n';

/** The chosen options in the menu's group order, as the cart line and the order line keep them. */
export function chosenOptions(groups: readonly OptionGroupDto[], picked: ReadonlySet<string>): ChosenOption[] {
  return groups.flatMap((g) =>
    g.options
      .filter((o) => picked.has(o.id))
      .map((o) => ({ groupId: g.id, groupName: g.name, optionId: o.id, name: o.name, priceDelta: o.priceDelta })),
  );
}

/**
 * The option groups of a dish as big toggles: one choice (radio-like, a tap replaces the choice) when the group
 * allows one, several up to `maxChoices` otherwise. Sold-out options stay visible but can't be chosen. What is
 * still missing is said by the rules (`problems`, from the domain), right under the group.
 */
export function OptionPicker({
  groups,
  picked,
  onChange,
  problems,
}: {
  groups: readonly OptionGroupDto[];
  picked: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  problems: ReadonlyMap<string, string>;
}) {
  const { t, locale } = useLocale();
  const toggle = (group: OptionGroupDto, optionId: string) => {
    const next = new Set(picked);
    if (next.has(optionId)) next.delete(optionId);
    else if (group.maxChoices === 1) {
      for (const o of group.options) next.delete(o.id);
      next.add(optionId);
    } else if (group.options.filter((o) => next.has(o.id)).length < group.maxChoices) next.add(optionId);
    onChange(next);
  };
  return (
    <div className="option-groups">
      {groups.map((group) => {
        const titleId = `og-${group.id}`;
        const problem = problems.get(group.id);
        return (
          <section
            key={group.id}
            className={`option-group${problem ? ' has-problem' : ''}`}
            role="group"
            aria-labelledby={titleId}
            data-group-id={group.id}
          >
            <header className="option-group-head">
              <h3 id={titleId}>{localized(group.name, locale)}</h3>
              <span className={`option-rule${isRequiredGroup(group) ? ' is-required' : ''}`}>
                {isRequiredGroup(group) ? t('optionRequired') : t('optionOptional')}
                {' · '}
                {group.minChoices > 1 || (group.minChoices === 1 && group.maxChoices === 1)
                  ? t('optionPick', { n: group.minChoices })
                  : t('optionUpTo', { n: group.maxChoices })}
              </span>
            </header>
            <div className="option-list">
              {group.options.map((option) => {
                const on = picked.has(option.id);
                return (
                  <button
                    key={option.id}
                    type="button"
                    className={`option-chip${on ? ' is-on' : ''}`}
                    aria-pressed={on}
                    disabled={option.soldOut && !on}
                    onClick={() => toggle(group, option.id)}
                  >
                    <span className="option-name">{localized(option.name, locale)}</span>
                    <span className="option-price">
                      {option.soldOut ? t('soldOut') : option.priceDelta > 0 ? `+${formatWon(option.priceDelta, locale)}` : ''}
                    </span>
                  </button>
                );
              })}
            </div>
            {problem && (
              <p className="option-problem" role="alert">
                {problem}
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}
