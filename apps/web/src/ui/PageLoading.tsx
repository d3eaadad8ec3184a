import { useTranslation } from 'react-i18next';
import { AppHeader } from './AppHeader.tsx';

/** A page whose content is still on its way (code or the plan's first sync). */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <>
      <AppHeader />
      <p className="muted plan-main__loading">{t('plan.loading')}</p>
    </>
  );
}
