import { sectionRecommendations } from '@plenary/editor';
import { supportLevel } from '@plenary/model';
import { useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { CommentRange } from './commentHighlights.ts';
import { commentRange, openThreadsOf } from './commentRanges.ts';
import { PlanDiscussionContext } from './PlanDiscussionContext.ts';
import { supportMarks } from './roundSupport.ts';
import type { SupportLabel } from './supportLabels.ts';

/** What a section's editor draws of the discussion: open threads' words, support labels. */
export interface SectionDiscussion {
  comments: readonly CommentRange[];
  support: readonly SupportLabel[];
  openThread(threadId: string, focus: boolean): void;
}

const NONE: readonly never[] = [];
const QUOTE_IN_LABEL = 60;

/**
 * The section's part of the plan's discussion, recomputed only when the threads or the
 * rounds change (each section's editor then redraws its own), or null outside a plan.
 */
export function useSectionDiscussion(
  sectionId: string,
  fragment: Y.XmlFragment,
): SectionDiscussion | null {
  const { t } = useTranslation();
  const context = useContext(PlanDiscussionContext);
  const threads = context?.threads ?? NONE;
  const rounds = context?.rounds ?? NONE;
  const comments = useMemo(
    () =>
      openThreadsOf(threads, sectionId).flatMap((thread) => {
        const quote =
          thread.quote.length > QUOTE_IN_LABEL
            ? `${thread.quote.slice(0, QUOTE_IN_LABEL)}…`
            : thread.quote;
        const count = thread.messages.length;
        const range = commentRange(thread, {
          count,
          label: t('discussion.marker', { quote, count }),
        });
        return range ? [range] : [];
      }),
    [threads, sectionId, t],
  );
  const support = useMemo(() => {
    const closed = rounds.some((r) => r.sectionId === sectionId && r.status === 'closed');
    if (!closed) return NONE;
    return supportMarks(rounds, sectionId, sectionRecommendations(fragment)).map(
      ({ blockId, tally }): SupportLabel => {
        const level = supportLevel(tally);
        return {
          blockId,
          level,
          text: t('discussion.supportBeside', {
            level: t(`discussion.support.${level}`),
            tally: t('discussion.tally', { ...tally }),
          }),
        };
      },
    );
  }, [rounds, sectionId, fragment, t]);
  const openThread = context?.openThread;
  return useMemo(
    () => (openThread ? { comments, support, openThread } : null),
    [comments, support, openThread],
  );
}
