import { OptionGroupDtoSchema, type OptionGroupDto, type OptionGroupInput } from '@hiorder/domain/catalog/menu-options';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { useI18n } from '../shared/i18n';
import { errorText } from '../shared/ui';

interface OptionDraft {
  id?: string;
  ko: string;
  en: string;
  priceDelta: string;
  soldOut: boolean;
}

const emptyOption = (): OptionDraft => ({ ko: '', en: '', priceDelta: '0', soldOut: false });

/**
 * Creates or edits one option group inline in the menu editor: names in Korean and English side by side, how many
 * a guest picks (at least / at most: "required" is at least 1), and the options with their extra price and sold-out
 * flag. The server checks the same bounds (`OptionGroupInputSchema`); its message is shown as it comes.
 */
export function OptionGroupEditor({
  group,
  onSaved,
  onCancel,
}: {
  group: OptionGroupDto | null;
  onSaved: (saved: OptionGroupDto) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { api } = useAdmin();
  const [nameKo, setNameKo] = useState(group?.name.ko ?? '');
  const [nameEn, setNameEn] = useState(group?.name.en ?? '');
  const [min, setMin] = useState(String(group?.minChoices ?? 1));
  const [max, setMax] = useState(String(group?.maxChoices ?? 1));
  const [options, setOptions] = useState<OptionDraft[]>(
    () =>
      group?.options.map((o) => ({ id: o.id, ko: o.name.ko, en: o.name.en, priceDelta: String(o.priceDelta), soldOut: o.soldOut })) ?? [
        emptyOption(),
        emptyOption(),
      ],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setOption = (i: number, patch: Partial<OptionDraft>) =>
    setOptions((list) => list.map((o, j) => (i === j ? { ...o, ...patch } : o)));

  async function save(): Promise<void> {
    setBusy(true);
    setError(null);
    const body: OptionGroupInput = {
      name: { ko: nameKo.trim(), en: nameEn.trim() },
      minChoices: Number.parseInt(min, 10),
      maxChoices: Number.parseInt(max, 10),
      options: options
        .filter((o) => o.ko.trim() !== '')
        .map((o) => ({
          ...(o.id ? { id: o.id } : {}),
          name: { ko: o.ko.trim(), en: o.en.trim() },
          priceDelta: Number.parseInt(o.priceDelta, 10) || 0,
          soldOut: o.soldOut,
        })),
    };
    try {
      onSaved(
        group
          ? await api.put(`/api/option-groups/${group.id}`, body, OptionGroupDtoSchema)
          : await api.post('/api/option-groups', body, OptionGroupDtoSchema),
      );
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <div className="option-group-editor" data-testid="option-group-editor">
      <h4>{group ? t('editOptionGroup') : t('newOptionGroup')}</h4>
      <div className="grid2">
        <label className="field">
          {t('groupNameKo')}
          <input name="groupNameKo" value={nameKo} maxLength={LIMITS.maxNameLength} onChange={(e) => setNameKo(e.target.value)} />
        </label>
        <label className="field">
          {t('groupNameEn')}
          <input name="groupNameEn" value={nameEn} maxLength={LIMITS.maxNameLength} onChange={(e) => setNameEn(e.target.value)} />
        </label>
        <label className="field">
          {t('minChoices')}{' '}
          <span className="muted small">
            (0 = {t('optionalGroup')}, 1+ = {t('requiredGroup')})
          </span>
          <input
            name="minChoices"
            type="number"
            min={0}
            max={LIMITS.maxOptionsPerGroup}
            value={min}
            onChange={(e) => setMin(e.target.value)}
          />
        </label>
        <label className="field">
          {t('maxChoices')}
          <input
            name="maxChoices"
            type="number"
            min={1}
            max={LIMITS.maxOptionsPerGroup}
            value={max}
            onChange={(e) => setMax(e.target.value)}
          />
        </label>
      </div>
      <table className="option-table">
        <thead>
          <tr>
            <th>{t('optionNameKo')}</th>
            <th>{t('optionNameEn')}</th>
            <th>{t('priceDelta')}</th>
            <th>{t('soldOut')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {options.map((o, i) => (
            <tr key={o.id ?? `new-${i}`}>
              <td>
                <input
                  name={`optionKo-${i}`}
                  aria-label={t('optionNameKo')}
                  value={o.ko}
                  maxLength={LIMITS.maxNameLength}
                  onChange={(e) => setOption(i, { ko: e.target.value })}
                />
              </td>
              <td>
                <input
                  name={`optionEn-${i}`}
                  aria-label={t('optionNameEn')}
                  value={o.en}
                  maxLength={LIMITS.maxNameLength}
                  onChange={(e) => setOption(i, { en: e.target.value })}
                />
              </td>
              <td>
                <input
                  name={`optionPrice-${i}`}
                  aria-label={t('priceDelta')}
                  type="number"
                  min={0}
                  step={100}
                  value={o.priceDelta}
                  onChange={(e) => setOption(i, { priceDelta: e.target.value })}
                  style={{ width: 110 }}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('soldOut')}
                  checked={o.soldOut}
                  onChange={(e) => setOption(i, { soldOut: e.target.checked })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="btn btn-sm"
                  aria-label={t('removeOption')}
                  onClick={() => setOptions((list) => list.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="option-editor-actions">
        <button type="button" className="btn btn-sm" onClick={() => setOptions((list) => [...list, emptyOption()])}>
          + {t('addOption')}
        </button>
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          {t('back')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || nameKo.trim() === ''}
          onClick={() => void save()}
          data-testid="save-option-group"
        >
          {t('saveGroup')}
        </button>
      </div>
    </div>
  );
}
