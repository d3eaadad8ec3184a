import { useTranslation } from 'react-i18next';

/** The sidebar's way into the history, for everyone who reads the plan. */
export function HistoryToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="history-toggle" aria-labelledby="history-toggle-heading">
      <h2 id="history-toggle-heading" className="sidebar-heading">
        {t('history.heading')}
      </h2>
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls="history-panel"
        data-testid="history-toggle"
        onClick={onToggle}
      >
        {t('history.open')}
      </button>
    </section>
  );
}
