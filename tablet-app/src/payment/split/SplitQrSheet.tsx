import { VisitJoinCodeDtoSchema } from '@hiorder/domain/payment/bill-split';
import { useEffect, useState } from 'react';
import { apiFetch } from '../../sync/api';
import { Dialog } from '../../ui/Dialog';
import { useLocale } from '../../ui/i18n';

type QrState = { kind: 'loading' } | { kind: 'ready'; image: string; url: string } | { kind: 'failed'; message: string };

/**
 * The tablet's QR for its current visit (`POST /api/visit/join-code`): each guest scans it and the same app opens on
 * the phone, joined to this visit, to see the orders and pay a share. The code changes with every visit.
 */
export function SplitQrSheet({ token, onClose }: { token: string; onClose: () => void }) {
  const { t } = useLocale();
  const [state, setState] = useState<QrState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const code = VisitJoinCodeDtoSchema.parse(await apiFetch('/api/visit/join-code', { method: 'POST', token }));
        // Loaded on demand: the QR encoder is not part of the menu's first load.
        const { toDataURL } = await import('qrcode');
        const image = await toDataURL(code.url, { margin: 1, width: 320 });
        if (live) setState({ kind: 'ready', image, url: code.url });
      } catch (err) {
        if (live) setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      live = false;
    };
  }, [token]);
  return (
    <Dialog label={t('splitByPhone')} onClose={onClose} testId="split-qr">
      <div className="sheet split-qr">
        <div className="sheet-head">
          <h2>{t('splitQrTitle')}</h2>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('close')}
          </button>
        </div>
        {state.kind === 'loading' && <p className="muted center">{t('splitQrLoading')}</p>}
        {state.kind === 'failed' && (
          <p className="error-text" role="alert">
            {t('splitQrFailed')}: {state.message}
          </p>
        )}
        {state.kind === 'ready' && (
          <div className="split-qr-body">
            <img src={state.image} alt={t('splitQrTitle')} className="split-qr-img" data-testid="split-qr-img" data-url={state.url} />
            <p>{t('splitQrHelp')}</p>
          </div>
        )}
      </div>
    </Dialog>
  );
}
