import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

/**
 * Opens the plan's projector view. The room's computer (an observer) goes there in the
 * same tab; a facilitator checking what the room sees gets a tab of its own.
 */
export function ProjectorLink({ newTab = false }: { newTab?: boolean }) {
  const { t } = useTranslation();
  const { planId } = usePlanAccess();
  return (
    <Link
      to={`/plans/${encodeURIComponent(planId)}/projector`}
      className="button button--secondary"
      {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}
    >
      {t('projector.open')}
    </Link>
  );
}
