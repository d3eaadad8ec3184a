import type { GroupState } from '@plenary/model';
import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { authorMark } from '../../collab/authorColors.ts';
import { insertedRuns } from '../../collab/textAuthorship.ts';
import { readOnlineUsers } from '../../collab/useOnlineUsers.ts';
import { projectedRanges } from '../discussion/commentRanges.ts';
import { ProjectedThreadsContext } from '../discussion/ProjectedThreads.tsx';
import { SectionText } from '../sectionText/SectionText.tsx';
import type { GroupColor } from '../sectionText/sectionElements.tsx';
import { blockOf } from '../sectionText/sectionTree.ts';
import { useBlockComments } from '../sectionText/useBlockComments.ts';
import {
  type ArrivedText,
  addHighlights,
  FADE_STEP_MS,
  highlightsByBlock,
  type LiveHighlight,
} from './liveHighlights.ts';

const NO_THREADS: never[] = [];

/**
 * A section's text on the projector, following it live, with suggestions marked in their
 * group's colour. Text that arrives from others is marked for a moment in its author's
 * group colour. While the facilitator shows comments, the words of the open threads are
 * highlighted, each followed by its number in the list beside the text.
 */
export function LiveSectionText({
  sectionId,
  groups,
  fragment,
  awareness,
  onLiveChange,
}: {
  sectionId: string;
  groups: GroupState[];
  fragment: Y.XmlFragment;
  awareness: Awareness;
  /** New text arrived in this section, and is drawn. */
  onLiveChange: (sectionId: string) => void;
}) {
  const [highlights, setHighlights] = useState<LiveHighlight[]>([]);
  const [now, setNow] = useState(Date.now);
  // The listener is made once per fragment; it reads the latest groups and callback.
  const latest = useRef({ groups, onLiveChange });
  useEffect(() => {
    latest.current = { groups, onLiveChange };
  });
  const arrivedNews = useRef(false);

  useEffect(() => {
    const doc = fragment.doc;
    if (!doc) return;
    const onTransaction = (transaction: Y.Transaction) => {
      // Changes made on this device are none of the room's news (the projector writes nothing).
      if (transaction.local) return;
      const users = readOnlineUsers(awareness);
      const arrived: ArrivedText[] = [];
      for (const run of insertedRuns(transaction, fragment)) {
        const block = blockOf(fragment, run.client, run.clock);
        if (block)
          arrived.push({
            run,
            block,
            mark: authorMark(run.client, users, latest.current.groups),
          });
      }
      if (arrived.length === 0) return;
      const at = Date.now();
      arrivedNews.current = true;
      setHighlights((current) => addHighlights(current, arrived, at));
      setNow(at);
    };
    // After the transaction: the runs are read before Yjs merges the new items.
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [fragment, awareness]);

  const byBlock = useMemo(() => highlightsByBlock(highlights, now), [highlights, now]);

  // Redraws fading highlights until they are gone.
  useEffect(() => {
    if (byBlock.size === 0) return;
    const timer = setTimeout(() => setNow(Date.now()), FADE_STEP_MS);
    return () => clearTimeout(timer);
  }, [byBlock]);

  // Once the new text is drawn, it may be scrolled into view.
  useEffect(() => {
    if (highlights.length === 0 || !arrivedNews.current) return;
    arrivedNews.current = false;
    latest.current.onLiveChange(sectionId);
  }, [highlights, sectionId]);

  const threads = useContext(ProjectedThreadsContext) ?? NO_THREADS;
  const ranges = useMemo(() => projectedRanges(threads, sectionId), [threads, sectionId]);
  const comments = useBlockComments(fragment, ranges);

  const groupColor = useMemo<GroupColor>(
    () => (groupId) => groups.find((candidate) => candidate.id === groupId)?.color,
    [groups],
  );

  return (
    <SectionText
      fragment={fragment}
      className="projector-section__text"
      highlights={byBlock}
      groupColor={groupColor}
      comments={comments}
    />
  );
}
