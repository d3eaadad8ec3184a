import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/TextField.tsx';

/**
 * Asks for the server's administrator token, which a server started with
 * PLENARY_ADMIN_TOKEN needs before it creates or lists plans.
 */
export function AdminTokenForm({
  rejected,
  onSave,
}: {
  /** True when the token stored on this device was refused. */
  rejected: boolean;
  onSave: (token: string) => void;
}) {
  const { t } = useTranslation();
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSave(token.trim());
  };
  return (
    <form className="card admin-token" onSubmit={submit} noValidate>
      <h2>{t('start.adminHeading')}</h2>
      <p className="muted">{t('start.adminIntro')}</p>
      <TextField
        label={t('start.adminLabel')}
        error={rejected ? t('start.adminRejected') : null}
        type="password"
        autoComplete="off"
        value={token}
        onChange={(event) => setToken(event.target.value)}
      />
      <button type="submit" className="button button--primary">
        {t('start.adminSave')}
      </button>
    </form>
  );
}
