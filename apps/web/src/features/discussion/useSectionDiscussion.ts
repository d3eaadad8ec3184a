import { sectionRecommendations } from '@plenary/editor';
import { supportLevel } from '@plenary/model';
import { fromBase64 } from 'lib0/buffer';
import { useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { CommentRange } from './commentHighlights.ts';
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

/** A position the server sent, or null for bytes that do not decode (nothing is drawn). */
function relative(encoded: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

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
      threads.flatMap((thread): CommentRange[] => {
        if (thread.sectionId !== sectionId || thread.resolved || !thread.anchor) return [];
        const quote =
          thread.quote.length > QUOTE_IN_LABEL
            ? `${thread.quote.slice(0, QUOTE_IN_LABEL)}…`
            : thread.quote;
        const count = thread.messages.length;
        const start = relative(thread.anchor.start);
        const end = relative(thread.anchor.end);
        if (!start || !end) return [];
        return [
          {
            threadId: thread.id,
            start,
            end,
            count,
            label: t('discussion.marker', { quote, count }),
          },
        ];
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
