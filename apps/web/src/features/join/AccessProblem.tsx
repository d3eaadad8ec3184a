import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AppHeader } from '../../ui/AppHeader.tsx';

/**
 * A page in place of a plan this device cannot open, saying why in words and what to do:
 * ask for a link, ask for a new one, or try again after a network failure.
 */
export function AccessProblem({
  heading,
  text,
  onRetry,
}: {
  heading: string;
  text: string;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <AppHeader />
      <main className="plan-missing" data-testid="access-problem">
        <h1>{heading}</h1>
        <p>{text}</p>
        <div className="plan-missing__actions">
          {onRetry && (
            <button type="button" className="button button--primary" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
          <Link to="/" className="button button--secondary">
            {t('common.allPlans')}
          </Link>
        </div>
      </main>
    </>
  );
}
