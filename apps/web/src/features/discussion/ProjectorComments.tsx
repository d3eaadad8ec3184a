import type { PlanState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type { CommentThread } from '../../api/discussionTypes.ts';
import { openThreadsOf } from './commentRanges.ts';

/**
 * The open comment threads of the projected section, beside its text in large type, each
 * numbered as its marker in the text. Only shown while the facilitator shows comments.
 */
export function ProjectorComments({
  sectionId,
  plan,
  threads,
}: {
  sectionId: string;
  plan: PlanState;
  threads: readonly CommentThread[];
}) {
  const { t } = useTranslation();
  const open = openThreadsOf(threads, sectionId);
  const groupName = (groupId: string | null) =>
    plan.groups.find((group) => group.id === groupId)?.name ?? t('discussion.plenary');
  return (
    <aside
      className="projector-comments"
      data-testid="projector-comments"
      aria-labelledby="projector-comments-heading"
    >
      <h2 id="projector-comments-heading" className="projector-comments__heading">
        {t('discussion.projectorHeading')}
      </h2>
      {open.length === 0 ? (
        <p>{t('discussion.projectorNone')}</p>
      ) : (
        <ol className="projector-comments__list">
          {open.map((thread) => (
            <li
              key={thread.id}
              className="projector-comments__thread"
              data-testid="projector-comment"
            >
              <p className="projector-comments__quote">
                {thread.quote ? <q>{thread.quote}</q> : t('discussion.onSection')}
              </p>
              <ul className="projector-comments__messages">
                {thread.messages.map((message) => (
                  <li key={message.id}>
                    <strong>
                      {message.authorName} ({groupName(message.authorGroupId)}):
                    </strong>{' '}
                    {message.text}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
