import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useSaveVersion } from './useVersions.ts';
import { versionLabel } from './versionLabel.ts';

/** The longest version name the server takes. */
const MAX_VERSION_NAME = 120;

/** The facilitator's and focal point's "Save version": the plan as it is now, under a name. */
export function SaveVersionForm() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useSaveVersion();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissing(!trimmed);
    setSaved(null);
    if (!trimmed) return;
    save.mutate(trimmed, {
      onSuccess: (version) => {
        setName('');
        setSaved(versionLabel(version, t));
      },
    });
  };

  return (
    <form className="history-save" onSubmit={submit} noValidate data-testid="save-version">
      <h3 className="history-panel__subheading">{t('history.saveHeading')}</h3>
      <TextField
        label={t('history.name')}
        error={missing ? t('history.nameRequired') : null}
        value={name}
        maxLength={MAX_VERSION_NAME}
        placeholder={t('history.namePlaceholder')}
        onChange={(event) => setName(event.target.value)}
      />
      <SubmitButton
        pending={save.isPending}
        label={t('history.save')}
        pendingLabel={t('history.saving')}
      />
      <ErrorMessage error={save.error} inline />
      <p role="status" className="history-save__done">
        {saved && t('history.saved', { name: saved })}
      </p>
    </form>
  );
}
