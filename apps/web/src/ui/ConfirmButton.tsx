import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A button for something that cannot be undone: pressing it asks the question in words
 * first, next to the button, with the answer that goes ahead and a Cancel.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  disabled = false,
  describedBy,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  disabled?: boolean;
  /** The id of what the button acts on, when its label alone does not say. */
  describedBy?: string;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Focus lands on the harmless answer: Enter pressed by habit must not destroy anything.
    if (asking) cancel.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        className="button button--small"
        disabled={disabled}
        aria-describedby={describedBy}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend className="confirm__question">{question}</legend>
      <div className="confirm__actions">
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button
          ref={cancel}
          type="button"
          className="button button--small"
          onClick={() => setAsking(false)}
        >
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
