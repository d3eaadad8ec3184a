import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AppHeader } from '../../ui/AppHeader.tsx';

/** Shown in place of a plan that the server does not know. */
export function PlanMissing() {
  const { t } = useTranslation();
  return (
    <main className="plan-missing">
      <h1>{t('plan.notFound')}</h1>
      <p>{t('plan.notFoundHint')}</p>
      <Link to="/" className="button button--primary">
        {t('common.allPlans')}
      </Link>
    </main>
  );
}

/** A whole page for a plan that does not exist: the header and the explanation. */
export function MissingPlanPage() {
  return (
    <>
      <AppHeader />
      <PlanMissing />
    </>
  );
}
