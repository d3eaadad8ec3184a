import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rememberedPlans } from '../../access/planAccess.ts';

/** The plans this device has joined, with the role it has in each, most recent first. */
export function DevicePlans() {
  const { t } = useTranslation();
  // Read once: the list changes only by joining a plan, which leaves this page.
  const [plans] = useState(rememberedPlans);
  return (
    <section className="card plan-list" aria-labelledby="device-plans-heading">
      <h2 id="device-plans-heading">{t('start.deviceHeading')}</h2>
      {plans.length === 0 ? (
        <p className="muted">{t('start.deviceEmpty')}</p>
      ) : (
        <ul className="plan-list__items" data-testid="device-plans">
          {plans.map((plan) => (
            <li key={plan.id}>
              <Link
                to={`/plans/${plan.id}`}
                className="plan-list__link"
                // Named by the title alone; the role describes it.
                aria-label={plan.title}
                aria-describedby={plan.role ? `device-plan-role-${plan.id}` : undefined}
              >
                <span className="plan-list__title">{plan.title}</span>
                {plan.role && (
                  <span id={`device-plan-role-${plan.id}`} className="plan-list__date">
                    {t(`roles.${plan.role}`)}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
