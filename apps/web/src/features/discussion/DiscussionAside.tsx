import type { PlanState, PresentationState } from '@plenary/model';
import type * as Y from 'yjs';
import { CommentsPanel } from './CommentsPanel.tsx';
import { RoundsPanel } from './RoundsPanel.tsx';
import type { ThreadRequest } from './threadRequest.ts';

/** The comments and the consensus rounds, side by side with the text (lazy-loaded). */
export function DiscussionAside({
  plan,
  doc,
  presentation,
  threadRequest,
}: {
  plan: PlanState;
  doc: Y.Doc;
  presentation: PresentationState;
  /** The thread last chosen in the text, to show. */
  threadRequest: ThreadRequest | null;
}) {
  return (
    <div id="discussion-panel" className="discussion-aside">
      <RoundsPanel plan={plan} doc={doc} presentation={presentation} />
      <CommentsPanel plan={plan} doc={doc} request={threadRequest} />
    </div>
  );
}
