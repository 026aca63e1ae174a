import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ApiError } from './api';
import { useI18n } from './i18n';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A dialog as screen readers and keyboards expect it: named by its title, focus moved inside on open, Tab kept
 * inside (wrapping), Escape closes, and focus back on what opened it when it closes.
 */
export function Modal(props: { title: string; onClose: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const inside = box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [];
    // The first control past the close button (the ✕ is a way out, not where the work starts).
    (inside[1] ?? inside[0])?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const onKey = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      // Only the innermost dialog closes (a confirmation over an editor).
      e.stopPropagation();
      onClose.current();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const inside = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = inside[0];
    const last = inside[inside.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  // In a portal: a dialog opened from inside another (a confirmation) is laid out over the page, not inside it.
  return createPortal(
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        ref={box}
        className={props.wide ? 'modal modal-wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        onKeyDown={onKey}
      >
        <div className="modal-head">
          <h2>{props.title}</h2>
          <button className="btn btn-ghost btn-sm" onClick={props.onClose} aria-label={t('back')}>
            ✕
          </button>
        </div>
        <div className="modal-body">{props.children}</div>
        {props.footer && <div className="modal-foot">{props.footer}</div>}
      </div>
    </div>,
    document.body,
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
export function commandRunner(input: {
  reload: () => void;
  toast: (m: ToastMessage) => void;
  saved?: string;
  describe?: (err: unknown) => string;
}) {
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
  // One `onDone` for the hook's life: the toast's timer restarts whenever it changes, and screens that re-render
  // every second (the tables' clock) kept a fresh arrow from ever letting the toast go.
  const clear = useCallback(() => setMessage(null), []);
  return [message, setMessage, <Toast message={message} onDone={clear} />];
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

type Question = { text: string; confirmLabel: string; answer: (yes: boolean) => void };

/**
 * An accessible stand-in for `window.confirm()` (which screen readers and kiosk browsers handle badly):
 * `ask(text, confirmLabel)` opens a Modal and resolves true or false; render `dialog` once in the screen.
 */
export function useConfirm(): [(text: string, confirmLabel: string) => Promise<boolean>, ReactNode] {
  const { t } = useI18n();
  const [question, setQuestion] = useState<Question | null>(null);
  const ask = useCallback(
    (text: string, confirmLabel: string) =>
      new Promise<boolean>((resolve) =>
        setQuestion({
          text,
          confirmLabel,
          answer: (yes) => {
            setQuestion(null);
            resolve(yes);
          },
        }),
      ),
    [],
  );
  const dialog = question && (
    <Modal
      title={question.text}
      onClose={() => question.answer(false)}
      footer={
        <>
          <button className="btn" onClick={() => question.answer(false)} data-testid="confirm-no">
            {t('cancel')}
          </button>
          <button className="btn btn-danger" onClick={() => question.answer(true)} data-testid="confirm-yes">
            {question.confirmLabel}
          </button>
        </>
      }
    >
      <p>{question.text}</p>
    </Modal>
  );
  return [ask, dialog];
}
