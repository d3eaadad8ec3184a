import { formatMoment } from '@plenary/model';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/errorText.ts';
import type { PlanSummary } from '../../api/planTypes.ts';

/**
 * Every plan on this server, newest change first, each a link that opens it. Opening
 * one this device has not joined explains that an invite link is needed.
 */
export function PlanList({
  plans,
  onForgetToken,
}: {
  plans: UseQueryResult<PlanSummary[]>;
  /** Offered when an administrator token opened this list. */
  onForgetToken?: () => void;
}) {
  const { t, i18n } = useTranslation();

  return (
    <section className="card plan-list" aria-labelledby="plan-list-heading">
      <h2 id="plan-list-heading">{t('start.serverHeading')}</h2>
      {plans.isPending && <p className="muted">{t('common.loading')}</p>}
      {plans.isError && (
        <div role="alert" className="alert alert--error">
          <p>{errorText(plans.error, t)}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => plans.refetch()}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
      {plans.isSuccess && plans.data.length === 0 && <p className="muted">{t('start.empty')}</p>}
      {plans.isSuccess && plans.data.length > 0 && (
        <>
          <p className="muted">{t('start.serverHint')}</p>
          <ul className="plan-list__items">
            {[...plans.data]
              .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
              .map((plan) => (
                <li key={plan.id}>
                  <Link
                    to={`/plans/${plan.id}`}
                    className="plan-list__link"
                    // Named by the title alone; the date describes it.
                    aria-label={plan.title}
                    aria-describedby={`plan-date-${plan.id}`}
                  >
                    <span className="plan-list__title">{plan.title}</span>
                    <span id={`plan-date-${plan.id}`} className="plan-list__date">
                      {t('start.updated', { date: formatMoment(plan.updatedAt, i18n.language) })}
                    </span>
                  </Link>
                </li>
              ))}
          </ul>
        </>
      )}
      {onForgetToken && (
        <button type="button" className="button button--small" onClick={onForgetToken}>
          {t('start.adminForget')}
        </button>
      )}
    </section>
  );
}
