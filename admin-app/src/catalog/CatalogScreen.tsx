import {
  CatalogDtoSchema,
  type CategoryDto,
  CategoryDtoSchema,
  type MenuDto,
  MenuDtoSchema,
  type Station,
} from '@hiorder/domain/catalog/catalog.schemas';
import { localized } from '@hiorder/domain/shared/locale';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../shared/api';
import { useAdmin } from '../shared/app-context';
import { won } from '../shared/format';
import { useLoad } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { commandRunner, errorText, Modal, useConfirm, useToast } from '../shared/ui';
import { MenuEditor } from './MenuEditor';

type CategoryForm = { id: string | null; ko: string; en: string; station: Station };

/**
 * Categories and menus of the store (admin). Every change bumps the catalog version; tablets follow at once, and
 * so does this screen when another admin makes the change (a `catalog.changed` past the version shown).
 */
export function CatalogScreen() {
  const { t, locale } = useI18n();
  const { api, board } = useAdmin();
  const [catalog, reload] = useLoad(() => api.get('/api/admin/catalog', CatalogDtoSchema), []);
  const announced = useSyncExternalStore(board.subscribe, () => board.getSnapshot().state.catalogVersion);
  const asked = useRef(0);
  const shown = catalog.state === 'ready' ? catalog.data.version : null;
  useEffect(() => {
    // Once per announced version: a reload answering an older version (a lagging replica) must not loop.
    if (shown === null || announced <= shown || announced <= asked.current) return;
    asked.current = announced;
    reload();
  }, [announced, shown, reload]);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<MenuDto | 'new' | null>(null);
  const [categoryForm, setCategoryForm] = useState<CategoryForm | null>(null);
  const [, toast, toastNode] = useToast();
  const [ask, confirmDialog] = useConfirm();

  if (catalog.state === 'loading') return <div className="empty">…</div>;
  if (catalog.state === 'failed') return <div className="empty">{catalog.message}</div>;
  const categories = [...catalog.data.categories].sort((a, b) => a.position - b.position);
  const current = categories.find((c) => c.id === selected) ?? categories[0];
  const menus = catalog.data.menus.filter((m) => m.categoryId === current?.id).sort((a, b) => a.position - b.position);

  const attempt = commandRunner({
    reload,
    toast,
    describe: (err) => (err instanceof ApiError && err.code === 'CONFLICT' ? t('categoryNotEmpty') : errorText(err)),
  });

  const move = (category: CategoryDto, delta: number): Promise<void> => {
    const ids = categories.map((c) => c.id);
    const i = ids.indexOf(category.id);
    const j = i + delta;
    if (j < 0 || j >= ids.length) return Promise.resolve();
    [ids[i], ids[j]] = [ids[j] ?? category.id, category.id];
    return attempt(() => api.put('/api/categories/order', { ids }));
  };

  async function saveCategory(form: CategoryForm): Promise<void> {
    const body = { name: { ko: form.ko.trim(), en: form.en.trim() }, station: form.station };
    await attempt(async () => {
      const saved = form.id
        ? await api.patch(`/api/categories/${form.id}`, body, CategoryDtoSchema)
        : await api.post('/api/categories', body, CategoryDtoSchema);
      setSelected(saved.id);
    });
    setCategoryForm(null);
  }

  return (
    <>
      <div className="page-head">
        <h1>{t('navCatalog')}</h1>
        <span className="muted small" title={t('catalogVersionHelp')}>
          {t('catalogVersion', { n: catalog.data.version })}
        </span>
      </div>
      <div className="split">
        <section className="panel">
          <div className="panel-head">
            <h2>{t('categories')}</h2>
            <button
              className="btn btn-sm btn-primary"
              onClick={() => setCategoryForm({ id: null, ko: '', en: '', station: 'kitchen' })}
              data-testid="new-category"
            >
              + {t('create')}
            </button>
          </div>
          <ul className="list">
            {categories.map((c, i) => (
              <li
                key={c.id}
                className={c.id === current?.id ? 'cat-item on' : 'cat-item'}
                onClick={() => setSelected(c.id)}
                data-testid="category-item"
              >
                {/* A real button: the keyboard reaches it and screen readers hear which category is open. */}
                <button type="button" className="name" aria-pressed={c.id === current?.id} onClick={() => setSelected(c.id)}>
                  {localized(c.name, locale)}
                  <span className="muted small">
                    {t(c.station === 'bar' ? 'stationBar' : 'stationKitchen')} ·{' '}
                    {catalog.data.menus.filter((m) => m.categoryId === c.id).length}
                  </span>
                </button>
                <button
                  className="btn btn-ghost"
                  disabled={i === 0}
                  title={t('moveUp')}
                  aria-label={t('moveUp')}
                  onClick={(e) => (e.stopPropagation(), void move(c, -1))}
                >
                  ▲
                </button>
                <button
                  className="btn btn-ghost"
                  disabled={i === categories.length - 1}
                  title={t('moveDown')}
                  aria-label={t('moveDown')}
                  onClick={(e) => (e.stopPropagation(), void move(c, 1))}
                >
                  ▼
                </button>
                <button
                  className="btn btn-ghost"
                  title={t('edit')}
                  aria-label={t('edit')}
                  onClick={(e) => (e.stopPropagation(), setCategoryForm({ id: c.id, ko: c.name.ko, en: c.name.en, station: c.station }))}
                >
                  ✎
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <div className="panel-head">
            <h2>{current ? localized(current.name, locale) : t('menus')}</h2>
            {current && (
              <button
                className="btn btn-sm btn-danger"
                disabled={menus.length > 0}
                title={menus.length > 0 ? t('categoryNotEmpty') : ''}
                onClick={() =>
                  void ask(t('confirmDelete'), t('delete')).then((yes) =>
                    yes ? attempt(() => api.delete(`/api/categories/${current.id}`)) : undefined,
                  )
                }
              >
                {t('delete')}
              </button>
            )}
            {current && (
              <button className="btn btn-sm btn-primary" onClick={() => setEditing('new')} data-testid="new-menu">
                + {t('newMenu')}
              </button>
            )}
          </div>
          {menus.length === 0 && <div className="empty">{t('noMenus')}</div>}
          <div className="menu-grid">
            {menus.map((m) => (
              <div key={m.id} className="menu-card" data-testid="menu-card">
                <button
                  className="btn-ghost"
                  style={{ border: 'none', padding: 0, textAlign: 'left', cursor: 'pointer', background: 'none' }}
                  onClick={() => setEditing(m)}
                >
                  <div className="menu-photo" style={m.photoUrl ? { backgroundImage: `url("${m.photoUrl}")` } : undefined}>
                    {!m.photoUrl && t('photo')}
                  </div>
                  <div className="menu-info">
                    <span className="title">{localized(m.name, locale)}</span>
                    <span className="price">{won(m.price, locale)}</span>
                    <span className="tags">
                      <span className="pill pill-accepted">
                        {t(m.course === 'main' ? 'courseMain' : m.course === 'side' ? 'courseSide' : 'courseOther')}
                      </span>
                      {m.stock !== null && (
                        <span className="pill pill-served">
                          {t('stock')} {m.stock}
                        </span>
                      )}
                      {m.limitPerVisit !== null && <span className="pill pill-paid">≤{m.limitPerVisit}</span>}
                      {m.hidden && <span className="pill pill-hidden">{t('hidden')}</span>}
                      {m.soldOut && <span className="pill pill-soldout">{t('soldOut')}</span>}
                    </span>
                  </div>
                </button>
                <div style={{ display: 'flex', gap: 6, padding: '0 10px 10px' }}>
                  <button
                    className={m.soldOut ? 'btn btn-sm btn-danger-solid' : 'btn btn-sm'}
                    style={{ flex: 1 }}
                    onClick={() => void attempt(() => api.patch(`/api/menus/${m.id}`, { soldOut: !m.soldOut }))}
                  >
                    {t('soldOut')} {m.soldOut ? '✓' : ''}
                  </button>
                  <button
                    className="btn btn-sm"
                    style={{ flex: 1 }}
                    onClick={() => void attempt(() => api.patch(`/api/menus/${m.id}`, { hidden: !m.hidden }))}
                  >
                    {t('hidden')} {m.hidden ? '✓' : ''}
                  </button>
                  <button
                    className="btn btn-sm"
                    title={t('duplicateMenuHelp')}
                    aria-label={`${t('duplicateMenu')}: ${localized(m.name, locale)}`}
                    data-testid="duplicate-menu"
                    onClick={() =>
                      void attempt(async () => {
                        // The copy opens in the editor, hidden: the owner renames it and shows it when ready.
                        const copy = await api.post(`/api/menus/${m.id}/duplicate`, undefined, MenuDtoSchema);
                        toast({ text: t('duplicated', { name: localized(copy.name, locale) }) });
                        setEditing(copy);
                      })
                    }
                  >
                    {t('duplicateMenu')}
                  </button>
                </div>
              </div>
            ))}
          </div>
        </section>
      </div>
      {editing && current && (
        <MenuEditor
          menu={editing === 'new' ? null : editing}
          categoryId={current.id}
          categories={categories}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            toast({ text });
            reload();
          }}
        />
      )}
      {categoryForm && (
        <Modal
          title={categoryForm.id ? t('edit') : t('newCategory')}
          onClose={() => setCategoryForm(null)}
          footer={
            <button
              className="btn btn-primary"
              disabled={categoryForm.ko.trim() === ''}
              onClick={() => void saveCategory(categoryForm)}
              data-testid="save-category"
            >
              {t('save')}
            </button>
          }
        >
          <label className="field">
            {t('nameKo')}
            <input
              name="categoryKo"
              value={categoryForm.ko}
              onChange={(e) => setCategoryForm({ ...categoryForm, ko: e.target.value })}
              autoFocus
            />
          </label>
          <label className="field">
            {t('nameEn')}
            <input name="categoryEn" value={categoryForm.en} onChange={(e) => setCategoryForm({ ...categoryForm, en: e.target.value })} />
          </label>
          <label className="field">
            {t('station')}
            <select
              value={categoryForm.station}
              onChange={(e) => setCategoryForm({ ...categoryForm, station: e.target.value === 'bar' ? 'bar' : 'kitchen' })}
            >
              <option value="kitchen">{t('stationKitchen')}</option>
              <option value="bar">{t('stationBar')}</option>
            </select>
          </label>
        </Modal>
      )}
      {toastNode}
      {confirmDialog}
    </>
  );
}
