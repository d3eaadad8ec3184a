import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useComments } from './useDiscussion.ts';

/** The sidebar's button for comments and rounds, with the count of open threads. */
export function DiscussionToggle({
  doc,
  open,
  onToggle,
}: {
  doc: Y.Doc;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const threads = useComments(doc);
  const count = (threads.data ?? []).filter((thread) => !thread.resolved).length;
  return (
    <button
      type="button"
      className="button button--secondary"
      aria-expanded={open}
      aria-controls="discussion-panel"
      data-testid="discussion-toggle"
      onClick={onToggle}
    >
      {t('discussion.toggle', { count })}
    </button>
  );
}
