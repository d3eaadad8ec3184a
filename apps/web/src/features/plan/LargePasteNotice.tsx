import { useTranslation } from 'react-i18next';
import { ConfirmActions } from '../../ui/ConfirmActions.tsx';
import { formatBytes } from '../../ui/formatBytes.ts';
import type { HeldPaste } from './SectionEditor.tsx';

/**
 * What became of a paste held back by its size: refused with its size and the limit, or
 * a question before a large one goes in (Cancel has the focus).
 */
export function LargePasteNotice({ paste, onDone }: { paste: HeldPaste; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const size = formatBytes(paste.bytes, i18n.language);
  if (paste.action === 'refuse') {
    return (
      <div role="alert" className="alert alert--error section__alert" data-testid="paste-refused">
        <p>{t('paste.tooLarge', { size, limit: formatBytes(paste.limit, i18n.language) })}</p>
        <button type="button" className="button button--small" onClick={onDone}>
          {t('common.dismiss')}
        </button>
      </div>
    );
  }
  return (
    <fieldset className="confirm phase-confirm section__alert" data-testid="paste-ask">
      <legend className="confirm__question">{t('paste.ask', { size })}</legend>
      <ConfirmActions
        confirmLabel={t('paste.pasteAnyway')}
        tone="primary"
        onConfirm={() => {
          onDone();
          paste.insert();
        }}
        onCancel={onDone}
      />
    </fieldset>
  );
}
