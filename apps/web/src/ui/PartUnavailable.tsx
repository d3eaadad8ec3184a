import { useTranslation } from 'react-i18next';
import { AppHeader } from './AppHeader.tsx';

/**
 * Says that a part of the page could not be loaded (its code did not arrive), that it will
 * load by itself once the connection is back, and offers to try at once.
 */
export function PartUnavailable({
  retry,
  retrying,
  onDismiss,
  floating = false,
}: {
  retry: () => void;
  retrying: boolean;
  /** Gives up on the part (closes the panel that was asked for), where that can be done. */
  onDismiss?: () => void;
  /** Over the page, bottom centre, for a part that would have been a dialog. */
  floating?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      className={`alert alert--warning part-unavailable${floating ? ' part-unavailable--floating' : ''}`}
      data-testid="part-unavailable"
    >
      <p>{t('common.partUnavailable')}</p>
      <div className="part-unavailable__actions">
        <button type="button" className="button button--small" onClick={retry} disabled={retrying}>
          {retrying ? t('common.loading') : t('common.retry')}
        </button>
        {onDismiss && (
          <button type="button" className="button button--small" onClick={onDismiss}>
            {t('common.close')}
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * What a `LoadingBoundary` shows in place of a part that can be given up on (a panel that
 * can be closed): the notice, with a Close that calls `close`.
 */
export function closableUnavailable(close: () => void, { floating = false } = {}) {
  return (retry: () => void, retrying: boolean) => (
    <PartUnavailable retry={retry} retrying={retrying} onDismiss={close} floating={floating} />
  );
}

/** A whole page whose code could not be loaded: the header, and the notice in its place. */
export function PageUnavailable({ retry, retrying }: { retry: () => void; retrying: boolean }) {
  return (
    <>
      <AppHeader />
      <main className="plan-missing">
        <PartUnavailable retry={retry} retrying={retrying} />
      </main>
    </>
  );
}
