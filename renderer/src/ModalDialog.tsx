import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  readonly title: string;
  readonly onCancel: () => void;
  readonly children: ReactNode;
  readonly className?: string;
}

/**
 * A native modal <dialog>: the rest of the window becomes inert, focus stays inside, Escape
 * cancels. Mounted means open.
 */
export function ModalDialog({ title, onCancel, children, className }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby="dialog-title"
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
