import { useTranslation } from 'react-i18next';
import { downloadMarkdown } from '../../collab/downloadMarkdown.ts';
import type { SectionText } from '../../collab/sectionTexts.ts';

/**
 * The text of this device that the server did not take, per section, in read-only
 * fields: nothing typed is lost silently, and the person can copy it somewhere allowed,
 * or download the refused doc as Markdown (`refusedCopy`) before it is gone for good.
 */
export function UnsavedText({
  texts,
  refusedCopy,
  title,
  onDismiss,
}: {
  texts: SectionText[];
  refusedCopy: string | null;
  title: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section
      className="unsaved-text card"
      data-testid="unsaved-text"
      aria-labelledby="unsaved-heading"
    >
      <h2 id="unsaved-heading">{t('refusal.unsavedHeading')}</h2>
      <p className="muted">{t('refusal.unsavedIntro')}</p>
      {texts.map((text) => (
        <label key={text.sectionId} className="unsaved-text__section">
          <span>{t('refusal.unsavedLabel', { title: text.title })}</span>
          <textarea
            readOnly
            value={text.text}
            rows={Math.min(10, Math.max(3, text.text.split('\n').length + 1))}
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
      ))}
      {refusedCopy !== null && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => downloadMarkdown(refusedCopy, title)}
        >
          {t('localCopy.refusedDownload')}
        </button>
      )}
      <button type="button" className="button button--secondary" onClick={onDismiss}>
        {t('refusal.doneCopying')}
      </button>
    </section>
  );
}
