import { StaffCallPresetsDtoSchema, type StaffCallPresetsUpdate } from '@hiorder/domain/ordering/staff-call.schemas';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { useEffect, useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { commandRunner, type ToastMessage } from '../shared/ui';

type Row = { key: string; id?: string; ko: string; en: string };

let nextKey = 0;
const rowKey = (): string => `row-${++nextKey}`;

/**
 * The tablet's staff-call buttons (admin): the store's presets, in the order the guest sees them. Saved as one
 * list; the tablets get it with the catalog.
 */
export function StaffCallPresetsSection({ toast }: { toast: (m: ToastMessage) => void }) {
  const { t } = useI18n();
  const { api } = useAdmin();
  const [loaded, reload] = useLoad(async () => await api.get('/api/store/staff-call-presets', StaffCallPresetsDtoSchema), []);
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => {
    if (loaded.state === 'ready') setRows(loaded.data.presets.map((p) => ({ key: rowKey(), id: p.id, ko: p.name.ko, en: p.name.en })));
  }, [loaded]);
  const attempt = commandRunner({ reload, toast, saved: t('presetsSaved') });
  if (loaded.state !== 'ready') return null;

  const edit = (key: string, patch: Partial<Row>): void => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: -1 | 1): void =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + by, 0, row);
      return next;
    });
  const body: StaffCallPresetsUpdate = {
    presets: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: { ko: r.ko.trim(), en: r.en.trim() } })),
  };

  return (
    <section className="panel settings-section" aria-labelledby="presets-title" data-testid="staff-call-presets">
      <h2 id="presets-title">{t('presetsTitle')}</h2>
      <p className="muted">{t('presetsHint')}</p>
      <ol className="preset-list">
        {rows.map((row, i) => (
          <li key={row.key} className="preset-row" data-testid="preset-row">
            <input
              aria-label={`${t('presetNameKo')} ${i + 1}`}
              value={row.ko}
              maxLength={LIMITS.maxNameLength}
              onChange={(e) => edit(row.key, { ko: e.target.value })}
            />
            <input
              aria-label={`${t('presetNameEn')} ${i + 1}`}
              value={row.en}
              maxLength={LIMITS.maxNameLength}
              onChange={(e) => edit(row.key, { en: e.target.value })}
            />
            <button className="btn btn-sm" aria-label={`${t('presetUp')} ${i + 1}`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button
              className="btn btn-sm"
              aria-label={`${t('presetDown')} ${i + 1}`}
              disabled={i === rows.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </button>
            <button className="btn btn-sm btn-danger" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
              {t('presetRemove')}
            </button>
          </li>
        ))}
      </ol>
      <div className="settings-row">
        <button
          className="btn"
          disabled={rows.length >= LIMITS.maxStaffCallPresets}
          onClick={() => setRows((rs) => [...rs, { key: rowKey(), ko: '', en: '' }])}
        >
          + {t('presetAdd')}
        </button>
        <button
          className="btn btn-primary"
          data-testid="presets-save"
          disabled={rows.some((r) => r.ko.trim() === '')}
          onClick={() => void attempt(() => api.put('/api/store/staff-call-presets', body, StaffCallPresetsDtoSchema))}
        >
          {t('save')}
        </button>
      </div>
    </section>
  );
}
