import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseButton } from './CloseButton.tsx';

/**
 * A modal dialog with a heading. Without `onClose` it cannot be dismissed (the join
 * dialog: the page behind needs its answer); with it, Escape and a Close button call it.
 */
export function Modal({
  heading,
  onClose,
  wide = false,
  children,
}: {
  heading: string;
  onClose?: () => void;
  /** For panels with lists and QR codes, which need more room than a question. */
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    // showModal makes the page behind inert and traps focus, which a plain div cannot.
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={wide ? 'modal modal--wide' : 'modal'}
      aria-labelledby={`${ids}-heading`}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
    >
      <div className="modal__header">
        <h2 id={`${ids}-heading`}>{heading}</h2>
        {onClose && (
          <CloseButton label={t('common.close')} className="modal__close" onClick={onClose} />
        )}
      </div>
      {children}
    </dialog>
  );
}
