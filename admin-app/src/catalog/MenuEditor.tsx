import { NO_LABELS, type MenuLabels } from '@hiorder/domain/catalog/menu-labels';
import {
  type CategoryDto,
  type Course,
  type MenuCreate,
  type MenuDto,
  MenuDtoSchema,
  type MenuUpdate,
} from '@hiorder/domain/catalog/catalog.schemas';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { useEffect, useState } from 'react';
import { useAdmin } from '../shared/app-context';
import { useI18n } from '../shared/i18n';
import { errorText, Modal, useConfirm } from '../shared/ui';
import { MenuLabelsFields } from './MenuLabelsFields';
import { MenuOptionGroups } from './MenuOptionGroups';

interface Draft {
  categoryId: string;
  nameKo: string;
  nameEn: string;
  descKo: string;
  descEn: string;
  price: string;
  course: Course;
  counted: boolean;
  stock: string;
  limited: boolean;
  limit: string;
  soldOut: boolean;
  hidden: boolean;
  recommended: boolean;
  optionGroupIds: string[];
  labels: MenuLabels;
}

function draftOf(menu: MenuDto | null, categoryId: string): Draft {
  return {
    categoryId: menu?.categoryId ?? categoryId,
    nameKo: menu?.name.ko ?? '',
    nameEn: menu?.name.en ?? '',
    descKo: menu?.description.ko ?? '',
    descEn: menu?.description.en ?? '',
    price: menu ? String(menu.price) : '',
    course: menu?.course ?? 'main',
    counted: menu ? menu.stock !== null : false,
    stock: menu?.stock !== null && menu?.stock !== undefined ? String(menu.stock) : '20',
    limited: menu ? menu.limitPerVisit !== null : false,
    limit: menu?.limitPerVisit ? String(menu.limitPerVisit) : '1',
    soldOut: menu?.soldOut ?? false,
    hidden: menu?.hidden ?? false,
    recommended: menu?.recommended ?? false,
    optionGroupIds: menu?.optionGroupIds ?? [],
    labels: menu?.labels ?? NO_LABELS,
  };
}

const toInt = (s: string): number => Number.parseInt(s, 10);

function bodyOf(d: Draft): MenuCreate {
  return {
    categoryId: d.categoryId,
    name: { ko: d.nameKo.trim(), en: d.nameEn.trim() },
    description: { ko: d.descKo.trim(), en: d.descEn.trim() },
    price: toInt(d.price),
    course: d.course,
    stock: d.counted ? toInt(d.stock) : null,
    limitPerVisit: d.limited ? toInt(d.limit) : null,
    soldOut: d.soldOut,
    hidden: d.hidden,
    recommended: d.recommended,
    optionGroupIds: d.optionGroupIds,
    labels: { ...d.labels, origin: d.labels.origin.trim() },
  };
}

/** Create or edit one menu, with a photo preview before it is uploaded (multipart field `photo`). */
export function MenuEditor(props: {
  menu: MenuDto | null;
  categoryId: string;
  categories: CategoryDto[];
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const [ask, confirmDialog] = useConfirm();
  const { api } = useAdmin();
  const [draft, setDraft] = useState(() => draftOf(props.menu, props.categoryId));
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(props.menu?.photoUrl ?? null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!photo) return;
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((d) => ({ ...d, [key]: value }));
  const valid =
    draft.nameKo.trim() !== '' &&
    Number.isInteger(toInt(draft.price)) &&
    toInt(draft.price) >= 0 &&
    (!draft.counted || toInt(draft.stock) >= 0) &&
    (!draft.limited || toInt(draft.limit) >= 1);

  async function save(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const body = bodyOf(draft);
      const update: MenuUpdate = body;
      const saved = props.menu
        ? await api.patch(`/api/menus/${props.menu.id}`, update, MenuDtoSchema)
        : await api.post('/api/menus', body, MenuDtoSchema);
      if (photo) {
        const form = new FormData();
        form.append('photo', photo);
        await api.upload(`/api/menus/${saved.id}/photo`, form, MenuDtoSchema);
      }
      props.onSaved(t('saved'));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  async function remove(): Promise<void> {
    if (!props.menu || !(await ask(t('confirmDelete'), t('delete')))) return;
    setBusy(true);
    try {
      await api.delete(`/api/menus/${props.menu.id}`);
      props.onSaved(t('saved'));
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Modal
      wide
      title={props.menu ? `${t('edit')} · ${props.menu.name.ko}` : t('newMenu')}
      onClose={props.onClose}
      footer={
        <>
          {props.menu && (
            <button className="btn btn-danger" style={{ marginRight: 'auto' }} disabled={busy} onClick={() => void remove()}>
              {t('delete')}
            </button>
          )}
          {error && (
            <span className="error-text" role="alert">
              {error}
            </span>
          )}
          <button className="btn" onClick={props.onClose}>
            {t('back')}
          </button>
          <button className="btn btn-primary" disabled={busy || !valid} onClick={() => void save()} data-testid="save-menu">
            {t('save')}
          </button>
        </>
      }
    >
      <div className="photo-edit">
        <div className="photo-preview" style={preview ? { backgroundImage: `url("${preview}")` } : undefined} data-testid="photo-preview">
          {!preview && t('photo')}
        </div>
        <label className="field">
          {t('choosePhoto')}
          <input
            type="file"
            name="photo"
            accept={LIMITS.photoTypes.join(',')}
            onChange={(e) => {
              const file = e.target.files?.[0] ?? null;
              if (file && file.size > LIMITS.maxPhotoBytes) {
                setError(t('photoHint'));
                return;
              }
              setPhoto(file);
            }}
          />
          <span className="muted small">{t('photoHint')}</span>
        </label>
      </div>
      <div className="grid2">
        <label className="field">
          {t('nameKo')}
          <input name="nameKo" value={draft.nameKo} maxLength={LIMITS.maxNameLength} onChange={(e) => set('nameKo', e.target.value)} />
        </label>
        <label className="field">
          {t('nameEn')}
          <input name="nameEn" value={draft.nameEn} maxLength={LIMITS.maxNameLength} onChange={(e) => set('nameEn', e.target.value)} />
        </label>
        <label className="field">
          {t('descKo')}
          <textarea
            name="descKo"
            value={draft.descKo}
            maxLength={LIMITS.maxDescriptionLength}
            onChange={(e) => set('descKo', e.target.value)}
          />
        </label>
        <label className="field">
          {t('descEn')}
          <textarea
            name="descEn"
            value={draft.descEn}
            maxLength={LIMITS.maxDescriptionLength}
            onChange={(e) => set('descEn', e.target.value)}
          />
        </label>
        <label className="field">
          {t('price')}
          <input
            name="price"
            type="number"
            inputMode="numeric"
            min={0}
            step={100}
            value={draft.price}
            onChange={(e) => set('price', e.target.value)}
          />
        </label>
        <label className="field">
          {t('course')}
          <select
            name="course"
            value={draft.course}
            onChange={(e) => set('course', e.target.value === 'side' ? 'side' : e.target.value === 'other' ? 'other' : 'main')}
          >
            <option value="main">{t('courseMain')}</option>
            <option value="side">{t('courseSide')}</option>
            <option value="other">{t('courseOther')}</option>
          </select>
        </label>
        <label className="field">
          {t('categories')}
          <select name="categoryId" value={draft.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
            {props.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {locale === 'en' && c.name.en ? c.name.en : c.name.ko}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          {t('stock')}
          <div style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
            <label className="check">
              <input type="checkbox" name="counted" checked={draft.counted} onChange={(e) => set('counted', e.target.checked)} />
              {t('stockCounted')}
            </label>
            {draft.counted && (
              <label className="check">
                {t('stockLeft')}
                <input
                  name="stock"
                  type="number"
                  min={0}
                  value={draft.stock}
                  onChange={(e) => set('stock', e.target.value)}
                  style={{ width: 110 }}
                />
              </label>
            )}
          </div>
        </div>
        <div className="field">
          {t('limitPerVisit')}
          <div style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
            <label className="check">
              <input type="checkbox" name="limited" checked={draft.limited} onChange={(e) => set('limited', e.target.checked)} />
              {t('limited')}
            </label>
            {draft.limited && (
              <label className="check">
                {t('limitMax')}
                <input
                  name="limitPerVisit"
                  type="number"
                  min={1}
                  max={LIMITS.maxQtyPerLine}
                  value={draft.limit}
                  onChange={(e) => set('limit', e.target.value)}
                  style={{ width: 110 }}
                />
              </label>
            )}
          </div>
        </div>
      </div>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        <label className="check">
          <input type="checkbox" name="soldOut" checked={draft.soldOut} onChange={(e) => set('soldOut', e.target.checked)} />
          {t('soldOut')}
        </label>
        <label className="check">
          <input type="checkbox" name="hidden" checked={draft.hidden} onChange={(e) => set('hidden', e.target.checked)} />
          {t('hidden')}
        </label>
        <label className="check">
          <input type="checkbox" name="recommended" checked={draft.recommended} onChange={(e) => set('recommended', e.target.checked)} />
          {t('recommended')}
        </label>
      </div>
      <MenuLabelsFields labels={draft.labels} onChange={(labels) => set('labels', labels)} />
      <MenuOptionGroups selected={draft.optionGroupIds} onChange={(ids) => set('optionGroupIds', ids)} />
      {confirmDialog}
    </Modal>
  );
}
