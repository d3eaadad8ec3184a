import { useState } from 'react';
import { ConfirmActions } from './ConfirmActions.tsx';

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
  const [asking, setAsking] = useState(false);
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
      <ConfirmActions
        confirmLabel={confirmLabel}
        tone="danger"
        onConfirm={() => {
          setAsking(false);
          onConfirm();
        }}
        onCancel={() => setAsking(false)}
      />
    </fieldset>
  );
}
