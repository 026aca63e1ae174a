import { OptionGroupDtoSchema, type OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import { localized } from '@hiorder/domain/shared/locale';
import { useState } from 'react';
import { z } from 'zod';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { OptionGroupEditor } from './OptionGroupEditor';

/**
 * The menu editor's option section: the store's groups with a tick for those this dish offers (in tick order),
 * each group's rule and options at a glance, and an inline editor to make or change a group.
 */
export function MenuOptionGroups({ selected, onChange }: { selected: readonly string[]; onChange: (ids: string[]) => void }) {
  const { t, locale } = useI18n();
  const { api } = useAdmin();
  const [groups, reload] = useLoad(async () => await api.get('/api/option-groups', z.array(OptionGroupDtoSchema)), []);
  const [editing, setEditing] = useState<OptionGroupDto | 'new' | null>(null);
  const list = groups.state === 'ready' ? groups.data : [];
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((g) => g !== id));

  return (
    <section className="menu-option-groups" aria-labelledby="menu-option-groups">
      <h3 id="menu-option-groups">{t('optionGroups')}</h3>
      <p className="muted small">{t('optionGroupsHint')}</p>
      {groups.state === 'failed' && <p className="error-text">{groups.message}</p>}
      <ul className="option-group-list">
        {list.map((g) => (
          <li key={g.id} data-group-id={g.id}>
            <label className="check">
              <input type="checkbox" checked={selected.includes(g.id)} onChange={(e) => toggle(g.id, e.target.checked)} />
              <strong>{localized(g.name, locale)}</strong>
            </label>
            <span className={`pill ${g.minChoices >= 1 ? 'pill-required' : ''}`}>
              {g.minChoices >= 1 ? t('requiredGroup') : t('optionalGroup')} · {t('choiceRange', { min: g.minChoices, max: g.maxChoices })}
            </span>
            <span className="muted small option-summary">
              {g.options
                .map(
                  (o) =>
                    `${localized(o.name, locale)}${o.priceDelta > 0 ? ` +${won(o.priceDelta, locale)}` : ''}${o.soldOut ? ` (${t('soldOut')})` : ''}`,
                )
                .join(', ')}
            </span>
            <button type="button" className="btn btn-sm" onClick={() => setEditing(g)}>
              {t('edit')}
            </button>
          </li>
        ))}
      </ul>
      {editing ? (
        <OptionGroupEditor
          key={editing === 'new' ? 'new' : editing.id}
          group={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            if (editing === 'new') onChange([...selected, saved.id]);
            setEditing(null);
            reload();
          }}
        />
      ) : (
        <button type="button" className="btn" onClick={() => setEditing('new')} data-testid="new-option-group">
          + {t('newOptionGroup')}
        </button>
      )}
    </section>
  );
}
