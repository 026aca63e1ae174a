import { useLayoutEffect, useRef } from 'react';
import { AccessibilityButton } from './AccessibilityButton';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Every sheet of the tablet as the platform's modal `<dialog>` (`showModal()`): the page behind becomes inert
 * (focus stays inside, screen readers read only the dialog), Escape closes it, and focus goes back to what
 * opened it when it closes. A tap on the dimmed backdrop (the dialog's own box, outside `children`) closes it too.
 *
 * Because the page behind is inert, its accessibility-mode switch cannot be reached while a sheet is open: every
 * dialog carries the same switch in its top corner (unless `accessibility` is false, as on the attract screen,
 * which any tap dismisses). It comes after the sheet in the DOM, so opening a sheet still focuses the sheet's own
 * first control; switching re-renders the sheet in place (its state and the focus on the switch are kept).
 */
export function Dialog({
  label,
  onClose,
  className,
  children,
  testId,
  accessibility = true,
}: {
  label: string;
  onClose: () => void;
  className?: string;
  children: React.ReactNode;
  testId?: string;
  accessibility?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  // A layout effect: its cleanup runs before React detaches the node, so close() and the focus return happen
  // while the dialog is still in the document.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? 'overlay'}${accessibility ? ' has-tools' : ''}`}
      aria-label={label}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
      onClick={(e) => {
        if (e.target === ref.current) close.current();
      }}
      onKeyDown={(e) => {
        // The page behind is inert, but Tab from the last control would leave for the browser's own UI: wrap.
        if (e.key !== 'Tab' || !ref.current) return;
        const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
          (el) => !el.hasAttribute('disabled') && el.offsetParent !== null,
        );
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }}
    >
      {children}
      {accessibility && (
        <div className="dialog-tools">
          <AccessibilityButton className="btn btn-dialog-tool" />
        </div>
      )}
    </dialog>
  );
}
