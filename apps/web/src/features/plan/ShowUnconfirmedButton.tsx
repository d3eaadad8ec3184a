import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { nextPassage, unconfirmedPassages } from './unconfirmedPassages.ts';

/**
 * Scrolls to the next passage of this person's text the server does not have yet (the
 * editors mark it), one passage a press. Reads the page only when pressed.
 */
export function ShowUnconfirmedButton() {
  const { t } = useTranslation();
  const shown = useRef<Element | null>(null);
  const showNext = () => {
    const next = nextPassage(unconfirmedPassages(document), shown.current);
    if (!next) return;
    shown.current = next;
    next.scrollIntoView({ block: 'center' });
  };
  return (
    <button
      type="button"
      className="button button--small"
      aria-label={t('save.showUnconfirmed')}
      title={t('save.showUnconfirmed')}
      onClick={showNext}
    >
      {t('save.show')}
    </button>
  );
}
