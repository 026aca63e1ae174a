import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from './api';
import { useI18n } from './i18n';

export function Modal(props: { title: string; onClose: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') props.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props]);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div className={props.wide ? 'modal modal-wide' : 'modal'} role="dialog" aria-modal="true" aria-label={props.title}>
        <div className="modal-head">
          <h2>{props.title}</h2>
          <button className="btn btn-ghost btn-sm" onClick={props.onClose} aria-label={t('back')}>
            ✕
          </button>
        </div>
        <div className="modal-body">{props.children}</div>
        {props.footer && <div className="modal-foot">{props.footer}</div>}
      </div>
    </div>
  );
}

export type ToastMessage = { text: string; error?: boolean } | null;

export function Toast({ message, onDone }: { message: ToastMessage; onDone: () => void }) {
  useEffect(() => {
    if (!message) return;
    const id = setTimeout(onDone, message.error ? 5000 : 2500);
    return () => clearTimeout(id);
  }, [message, onDone]);
  if (!message) return null;
  return (
    <div className={message.error ? 'toast err' : 'toast'} role="status">
      {message.text}
    </div>
  );
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * How a management screen runs a command: on success the screen reloads (after `done`, and saying `saved` when
 * given), on failure a toast shows the server's answer (`describe` may word a known code better). Never throws.
 */
export function commandRunner(input: { reload: () => void; toast: (m: ToastMessage) => void; saved?: string; describe?: (err: unknown) => string }) {
  return async (work: () => Promise<unknown>, done?: () => void): Promise<void> => {
    try {
      await work();
      done?.();
      if (input.saved) input.toast({ text: input.saved });
      input.reload();
    } catch (err) {
      input.toast({ text: (input.describe ?? errorText)(err), error: true });
    }
  };
}

/** A toast for the results of a screen's commands. */
export function useToast(): [ToastMessage, (m: ToastMessage) => void, ReactNode] {
  const [message, setMessage] = useState<ToastMessage>(null);
  return [message, setMessage, <Toast message={message} onDone={() => setMessage(null)} />];
}

/** Shown while a board or kitchen display is cut off: it is catching up, never silently behind. */
export function ReconnectingBanner({ reconnecting }: { reconnecting: boolean }) {
  const { t } = useI18n();
  if (!reconnecting) return <div />;
  return (
    <div className="banner banner-danger" role="status" data-testid="reconnecting">
      <span className="dot dot-reconnecting" /> {t('statusReconnecting')}
    </div>
  );
}
