import type { SectionState } from '@plenary/model';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingSuggestion } from '../review/pendingSuggestions.ts';

/** How the focal point answers when agreeing a section that still has suggestions. */
export type ApprovalChoice = 'accept' | 'reject' | 'keep';

const CHOICES: readonly ApprovalChoice[] = ['accept', 'reject', 'keep'];
const CHOICE_LABELS = {
  accept: 'approval.acceptAll',
  reject: 'approval.rejectAll',
  keep: 'approval.keep',
} as const;

/**
 * Asked before a section with pending suggestions is agreed (and so locked): its
 * suggestions, and whether to accept them all, reject them all, or keep them and lock.
 */
export function ApprovalQuestion({
  section,
  pending,
  busy,
  onChoose,
  onCancel,
}: {
  section: SectionState;
  pending: readonly PendingSuggestion[];
  busy: boolean;
  onChoose: (choice: ApprovalChoice) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The harmless answer has focus: Enter pressed by habit must not decide anything.
    cancel.current?.focus();
  }, []);
  return (
    <fieldset className="confirm approval" data-testid="approval-question">
      <legend className="confirm__question">
        {t('approval.question', { count: pending.length, title: section.title })}
      </legend>
      <ul className="approval__list">
        {pending.map((suggestion) => (
          <li key={suggestion.id}>
            <strong>{suggestion.authorName}:</strong>{' '}
            {suggestion.deletedText && <del>{suggestion.deletedText}</del>}{' '}
            {suggestion.insertedText && <ins>{suggestion.insertedText}</ins>}
            {suggestion.kind === 'structure' && ` (${t('review.layout')})`}
          </li>
        ))}
      </ul>
      <div className="confirm__actions">
        {CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            className={
              choice === 'accept' ? 'button button--small button--primary' : 'button button--small'
            }
            disabled={busy}
            onClick={() => onChoose(choice)}
          >
            {t(CHOICE_LABELS[choice])}
          </button>
        ))}
        <button ref={cancel} type="button" className="button button--small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
