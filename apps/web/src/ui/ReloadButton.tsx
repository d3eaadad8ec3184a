import { useTranslation } from 'react-i18next';

/** Reloads the page: a fresh start when the connection will not recover by itself. */
export function ReloadButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--small" onClick={() => window.location.reload()}>
      {t('common.reload')}
    </button>
  );
}
