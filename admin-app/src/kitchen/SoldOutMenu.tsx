import { CatalogSyncDtoSchema, MenuDtoSchema, type CatalogDto } from '@hiorder/domain/catalog/catalog.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { useState } from 'react';
import { ApiError, type ApiClient } from '../shared/api';
import { useI18n } from '../shared/i18n';

/**
 * Sold out from the kitchen display and the board: a panel listing the store's menus by category, each a big toggle.
 * The server decides who may (admins always; staff and kitchen displays while the store settings allow it), and a
 * refusal is said on the panel.
 */
export function SoldOutMenu({ api }: { api: ApiClient }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [catalog, setCatalog] = useState<CatalogDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const describe = (err: unknown): string =>
    err instanceof ApiError && err.code === 'FORBIDDEN'
      ? t('soldOutForbidden')
      : `${t('actionFailed')} ${err instanceof Error ? err.message : ''}`;

  async function load(): Promise<void> {
    try {
      const sync = await api.get('/api/catalog', CatalogSyncDtoSchema);
      if (sync.changed) setCatalog(sync.catalog);
    } catch (err) {
      setError(describe(err));
    }
  }

  async function toggle(menuId: string, soldOut: boolean): Promise<void> {
    setBusy(menuId);
    setError(null);
    try {
      const menu = await api.post(`/api/menus/${menuId}/sold-out`, { soldOut }, MenuDtoSchema);
      setCatalog((c) => (c ? { ...c, menus: c.menus.map((m) => (m.id === menu.id ? { ...m, soldOut: menu.soldOut } : m)) } : c));
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="recall sold-out">
      <button
        type="button"
        className="btn"
        data-testid="sold-out-open"
        aria-expanded={open}
        onClick={() => {
          if (!open) void load();
          setOpen((o) => !o);
        }}
      >
        {t('soldOutManage')}
      </button>
      {open && (
        <div className="recall-panel" role="dialog" aria-label={t('soldOutManage')}>
          <h3>{t('soldOutManage')}</h3>
          {error && (
            <p role="alert" className="recall-error">
              {error}
            </p>
          )}
          {!catalog && !error && <div className="recall-item">…</div>}
          {catalog?.categories.map((category) => (
            <section key={category.id} aria-label={localized(category.name, locale)}>
              <h4>{localized(category.name, locale)}</h4>
              {catalog.menus
                .filter((m) => m.categoryId === category.id)
                .map((menu) => (
                  <div key={menu.id} className="recall-item" data-testid="sold-out-item" data-menu-id={menu.id}>
                    <span className="what">{localized(menu.name, locale)}</span>
                    <button
                      type="button"
                      aria-pressed={menu.soldOut}
                      className={menu.soldOut ? 'on' : ''}
                      disabled={busy === menu.id}
                      onClick={() => void toggle(menu.id, !menu.soldOut)}
                    >
                      {menu.soldOut ? t('soldOutOn') : t('soldOutOff')}
                    </button>
                  </div>
                ))}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
