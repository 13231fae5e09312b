import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly onCancel: () => void;
  readonly children: ReactNode;
  readonly className?: string;
}

const focusable =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * A native modal <dialog>: the rest of the window becomes inert and Escape cancels. Chromium
 * lets Tab leave a modal dialog for the browser's own controls, so Tab is kept in here; on close,
 * focus goes back to the control that opened it. Mounted means open.
 */
export function ModalDialog({ title, onCancel, children, className }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      opener?.focus();
    };
  }, []);

  const keepTabInside = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const controls = [...dialog.current.querySelectorAll<HTMLElement>(focusable)];
    const first = controls[0];
    const last = controls.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby="dialog-title"
      onKeyDown={keepTabInside}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}
