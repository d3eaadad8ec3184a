import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { CreatePlanForm } from './CreatePlanForm.tsx';
import { PlanList } from './PlanList.tsx';

/** `/`: create a plan or open one. */
export function StartPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('common.appName');
  }, [t]);
  return (
    <>
      <AppHeader />
      <main className="start-page">
        <div className="start-page__intro">
          <h1>{t('start.heading')}</h1>
          <p>{t('start.intro')}</p>
        </div>
        <div className="start-page__columns">
          <CreatePlanForm />
          <PlanList />
        </div>
      </main>
    </>
  );
}
