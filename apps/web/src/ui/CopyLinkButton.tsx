import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type CopyOutcome = 'idle' | 'copied' | 'selected';

/**
 * Copies a link. The clipboard API exists only in secure contexts, and Plenary often
 * runs over plain http on a venue network, so the fallback selects the link in a field
 * for the person to copy themselves.
 */
export function CopyLinkButton({ url }: { url: string }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CopyOutcome>('idle');
  const field = useRef<HTMLInputElement>(null);

  const selectField = () => {
    setOutcome('selected');
    // The field renders on this state change; select it once it is there.
    requestAnimationFrame(() => field.current?.select());
  };

  const copy = async () => {
    if (window.isSecureContext && navigator.clipboard) {
      try {
        await navigator.clipboard.writeText(url);
        setOutcome('copied');
        return;
      } catch {
        // Permission refused: fall back to selecting the text.
      }
    }
    selectField();
  };

  return (
    <div className="copy-link">
      <button type="button" className="button button--secondary" onClick={copy}>
        {t('plan.copyLink')}
      </button>
      {outcome === 'selected' && (
        <input
          ref={field}
          className="copy-link__field"
          readOnly
          value={url}
          aria-label={t('plan.linkLabel')}
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
      <p className="copy-link__outcome" aria-live="polite">
        {outcome === 'copied' && t('plan.linkCopied')}
        {outcome === 'selected' && t('plan.linkSelected')}
      </p>
    </div>
  );
}
