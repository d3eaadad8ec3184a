import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The answers to a question that asks before acting: the one that goes ahead, and a
 * Cancel that takes the focus as they appear, so that Enter pressed by habit does nothing.
 */
export function ConfirmActions({
  confirmLabel,
  tone,
  onConfirm,
  onCancel,
}: {
  confirmLabel: string;
  /** `danger` for what cannot be undone; `primary` for a change that can be. */
  tone: 'danger' | 'primary';
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  return (
    <div className="confirm__actions">
      <button type="button" className={`button button--small button--${tone}`} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button ref={cancel} type="button" className="button button--small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
