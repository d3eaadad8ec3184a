import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NAME_LENGTH, tidyName } from '../../collab/identity.ts';
import { TextField } from '../../ui/TextField.tsx';

/**
 * Asks for the name shown with this person's caret. The first time it cannot be
 * dismissed (everyone in the room should know who writes); later it can be cancelled.
 */
export function NameDialog({
  initialName,
  onJoin,
  onCancel,
}: {
  initialName: string;
  onJoin: (name: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(initialName);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    // showModal makes the page behind inert and traps focus, which a plain div cannot.
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tidy = tidyName(name);
    setMissing(!tidy);
    if (tidy) onJoin(tidy);
  };

  return (
    <dialog
      ref={dialog}
      className="name-dialog"
      aria-labelledby={`${ids}-heading`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel?.();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${ids}-heading`}>{t('name.heading')}</h2>
        <p className="muted">{t('name.intro')}</p>
        <TextField
          label={t('name.label')}
          error={missing ? t('name.required') : null}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={MAX_NAME_LENGTH}
          autoComplete="name"
          // The dialog exists to ask for this one field.
          autoFocus
        />
        <div className="name-dialog__actions">
          {onCancel && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
          <button type="submit" className="button button--primary">
            {t('name.join')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
