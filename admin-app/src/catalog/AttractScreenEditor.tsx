import {
  ATTRACT_IDLE_SECONDS,
  AttractScreenSchema,
  MAX_ATTRACT_SLIDES,
  type AttractScreen,
  type AttractSlide,
} from '@hiorder/domain/catalog/attract-screen';
import { CatalogDtoSchema, isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { useEffect, useState } from 'react';
import { ApiError } from '../shared/api';
import { useAdmin } from '../shared/app-context';
import { useLoad } from '../shared/hooks';
import { useI18n, type Translate } from '../shared/i18n';
import { errorText, useToast } from '../shared/ui';

const IDLE_CHOICES = [15, 30, 60, 120, 180, 300, 600] as const;

function idleLabel(t: Translate, seconds: number): string {
  return seconds < 60 || seconds % 60 !== 0 ? t('attractSeconds', { n: seconds }) : t('attractMinutes', { n: seconds / 60 });
}

/** The owner's words for the codes these calls can answer with; anything else as the server said it. */
function describe(t: Translate, err: unknown): string {
  if (!(err instanceof ApiError)) return errorText(err);
  if (err.code === 'CONFLICT') return t('attractFull', { n: MAX_ATTRACT_SLIDES });
  if (err.code === 'UNSUPPORTED_MEDIA_TYPE' || err.code === 'PAYLOAD_TOO_LARGE') return t('photoHint');
  if (err.code === 'NOT_FOUND') return t('attractMenuGone');
  if (err.code === 'VALIDATION_FAILED') return t('attractInvalid');
  return errorText(err);
}

/**
 * The attract screen (admin): whether idle tablets show it, after how long, and what — a title and a message in
 * Korean and English, and up to eight slides (uploaded event images with a caption, or menus of the catalog). An
 * upload is kept at once as the last slide (the server names the file); the rest is saved with "Save".
 */
export function AttractScreenEditor() {
  const { t, locale } = useI18n();
  const { api } = useAdmin();
  const [loaded] = useLoad(async () => await api.get('/api/store/attract-screen', AttractScreenSchema), []);
  const [catalog] = useLoad(async () => await api.get('/api/admin/catalog', CatalogDtoSchema), []);
  // What the server holds (an upload changes it at once) and what the owner is editing.
  const [saved, setSaved] = useState<AttractScreen | null>(null);
  const [draft, setDraft] = useState<AttractScreen | null>(null);
  const [menuToAdd, setMenuToAdd] = useState('');
  const [busy, setBusy] = useState(false);
  const [, toast, toastNode] = useToast();
  useEffect(() => {
    if (loaded.state !== 'ready') return;
    setSaved(loaded.data);
    setDraft(loaded.data);
  }, [loaded]);

  if (loaded.state === 'failed') return <div className="empty">{loaded.message}</div>;
  if (!draft || !saved) return <div className="empty">…</div>;
  const menus = new Map<string, MenuDto>(catalog.state === 'ready' ? catalog.data.menus.map((m) => [m.id, m]) : []);
  const name = (m: MenuDto) => (locale === 'en' && m.name.en ? m.name.en : m.name.ko);
  const full = draft.slides.length >= MAX_ATTRACT_SLIDES;
  const offered = [...menus.values()].filter((m) => !m.hidden && !draft.slides.some((s) => s.kind === 'menu' && s.menuId === m.id));
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);
  const choices = IDLE_CHOICES.includes(draft.idleSeconds as (typeof IDLE_CHOICES)[number])
    ? [...IDLE_CHOICES]
    : [...IDLE_CHOICES, draft.idleSeconds].sort((a, b) => a - b);

  const set = (patch: Partial<AttractScreen>) => setDraft({ ...draft, ...patch });
  const setSlides = (slides: AttractSlide[]) => set({ slides });
  const move = (i: number, by: -1 | 1) => {
    const slides = [...draft.slides];
    const [slide] = slides.splice(i, 1);
    if (slide) slides.splice(i + by, 0, slide);
    setSlides(slides);
  };
  const slideName = (slide: AttractSlide, i: number) =>
    slide.kind === 'menu'
      ? menus.get(slide.menuId)
        ? name(menus.get(slide.menuId) as MenuDto)
        : t('attractMenuGone')
      : slide.caption.ko || slide.caption.en || t('attractImageN', { n: i + 1 });

  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      toast({ text: describe(t, err), error: true });
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    run(async () => {
      const answer = await api.put('/api/store/attract-screen', draft, AttractScreenSchema);
      setSaved(answer);
      setDraft(answer);
      toast({ text: t('saved') });
    });

  const upload = (file: File) =>
    run(async () => {
      if (file.size > LIMITS.maxPhotoBytes) throw new Error(t('photoHint'));
      const form = new FormData();
      form.append('image', file);
      const answer = await api.upload('/api/store/attract-screen/images', form, AttractScreenSchema);
      const added = answer.slides.at(-1);
      // The upload is saved as it arrives; the owner's unsaved edits stay in the draft beside it.
      if (added) setDraft({ ...draft, slides: [...draft.slides, added] });
      setSaved(answer);
      toast({ text: t('attractUploaded') });
    });

  return (
    <>
      <div className="page-head">
        <h1>{t('navAttract')}</h1>
      </div>
      <p className="muted">{t('attractHint')}</p>
      <div className="attract-editor" data-testid="attract-editor">
        <section className="panel settings-section" aria-labelledby="attract-when">
          <h2 id="attract-when">{t('attractWhen')}</h2>
          <label className="check">
            <input type="checkbox" name="enabled" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
            {t('attractEnabled')}
          </label>
          <label className="field">
            {t('attractIdle')}
            <select
              name="idleSeconds"
              value={draft.idleSeconds}
              disabled={!draft.enabled}
              onChange={(e) => set({ idleSeconds: Number(e.target.value) })}
            >
              {choices.map((n) => (
                <option key={n} value={n} disabled={n < ATTRACT_IDLE_SECONDS.min}>
                  {idleLabel(t, n)}
                </option>
              ))}
            </select>
          </label>
          <div className="grid2">
            <label className="field">
              {t('attractTitleKo')}
              <input
                name="titleKo"
                maxLength={60}
                value={draft.title.ko}
                placeholder={t('attractTitlePlaceholder')}
                onChange={(e) => set({ title: { ...draft.title, ko: e.target.value } })}
              />
            </label>
            <label className="field">
              {t('attractTitleEn')}
              <input
                name="titleEn"
                maxLength={60}
                value={draft.title.en}
                onChange={(e) => set({ title: { ...draft.title, en: e.target.value } })}
              />
            </label>
            <label className="field">
              {t('attractMessageKo')}
              <textarea
                name="messageKo"
                maxLength={200}
                value={draft.message.ko}
                onChange={(e) => set({ message: { ...draft.message, ko: e.target.value } })}
              />
            </label>
            <label className="field">
              {t('attractMessageEn')}
              <textarea
                name="messageEn"
                maxLength={200}
                value={draft.message.en}
                onChange={(e) => set({ message: { ...draft.message, en: e.target.value } })}
              />
            </label>
          </div>
        </section>

        <section className="panel settings-section" aria-labelledby="attract-slides">
          <h2 id="attract-slides">{t('attractSlides', { n: draft.slides.length, max: MAX_ATTRACT_SLIDES })}</h2>
          <p className="muted">{t('attractSlidesHint')}</p>
          {draft.slides.length === 0 && <p className="muted">{t('attractNoSlides')}</p>}
          <ol className="attract-slide-list">
            {draft.slides.map((slide, i) => {
              const menu = slide.kind === 'menu' ? menus.get(slide.menuId) : undefined;
              const picture = slide.kind === 'image' ? slide.imageUrl : (menu?.photoUrl ?? null);
              const label = slideName(slide, i);
              return (
                <li
                  key={slide.kind === 'menu' ? slide.menuId : slide.imageUrl}
                  className="attract-slide-item"
                  data-testid="attract-slide-item"
                >
                  <span className="attract-thumb" style={picture ? { backgroundImage: `url("${picture}")` } : undefined} />
                  <div className="attract-slide-body">
                    {slide.kind === 'menu' ? (
                      <>
                        <strong>{label}</strong>
                        <span className="muted small">
                          {t('attractMenuSlide')}
                          {menu && !isOrderable(menu) ? ` · ${t('attractNotShown')}` : ''}
                        </span>
                      </>
                    ) : (
                      <div className="grid2">
                        <label className="field">
                          {t('attractCaptionKo', { n: i + 1 })}
                          <input
                            name={`captionKo-${i}`}
                            maxLength={200}
                            value={slide.caption.ko}
                            onChange={(e) =>
                              setSlides(
                                draft.slides.map((s, j) => (j === i ? { ...slide, caption: { ...slide.caption, ko: e.target.value } } : s)),
                              )
                            }
                          />
                        </label>
                        <label className="field">
                          {t('attractCaptionEn', { n: i + 1 })}
                          <input
                            name={`captionEn-${i}`}
                            maxLength={200}
                            value={slide.caption.en}
                            onChange={(e) =>
                              setSlides(
                                draft.slides.map((s, j) => (j === i ? { ...slide, caption: { ...slide.caption, en: e.target.value } } : s)),
                              )
                            }
                          />
                        </label>
                      </div>
                    )}
                  </div>
                  <div className="attract-slide-actions">
                    <button className="btn btn-sm" disabled={i === 0} aria-label={`${t('moveUp')} · ${label}`} onClick={() => move(i, -1)}>
                      ↑
                    </button>
                    <button
                      className="btn btn-sm"
                      disabled={i === draft.slides.length - 1}
                      aria-label={`${t('moveDown')} · ${label}`}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                    <button
                      className="btn btn-sm btn-danger"
                      aria-label={`${t('attractRemove')} · ${label}`}
                      onClick={() => setSlides(draft.slides.filter((_, j) => j !== i))}
                    >
                      {t('attractRemove')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="settings-row">
            <label className="field">
              {t('attractAddMenu')}
              <select name="menuToAdd" value={menuToAdd} disabled={full} onChange={(e) => setMenuToAdd(e.target.value)}>
                <option value="">{t('attractPickMenu')}</option>
                {offered.map((m) => (
                  <option key={m.id} value={m.id}>
                    {name(m)}
                  </option>
                ))}
              </select>
            </label>
            <button
              className="btn"
              disabled={full || menuToAdd === ''}
              onClick={() => {
                setSlides([...draft.slides, { kind: 'menu', menuId: menuToAdd }]);
                setMenuToAdd('');
              }}
            >
              {t('attractAdd')}
            </button>
            <label className="field">
              {t('attractUpload')}
              <input
                type="file"
                name="image"
                accept={LIMITS.photoTypes.join(',')}
                disabled={full || busy}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void upload(file);
                }}
              />
              <span className="muted small">{full ? t('attractFull', { n: MAX_ATTRACT_SLIDES }) : t('photoHint')}</span>
            </label>
          </div>
        </section>
        <div className="attract-save">
          <button className="btn btn-primary" disabled={busy || !changed} onClick={() => void save()} data-testid="save-attract">
            {t('save')}
          </button>
          {changed && <span className="muted">{t('attractUnsaved')}</span>}
        </div>
      </div>
      {toastNode}
    </>
  );
}
