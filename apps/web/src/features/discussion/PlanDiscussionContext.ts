import { createContext } from 'react';
import type { CommentThread, Round } from '../../api/discussionTypes.ts';

/** The plan's discussion as the text shows it: threads to highlight, rounds to label. */
export interface PlanDiscussion {
  threads: readonly CommentThread[];
  rounds: readonly Round[];
  /** Opens a thread in the discussion panel; `focus` moves the keyboard focus there too. */
  openThread(threadId: string, focus: boolean): void;
}

/** Given by the plan's workspace; absent (null) where the text stands alone. */
export const PlanDiscussionContext = createContext<PlanDiscussion | null>(null);
