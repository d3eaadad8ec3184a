import type { GroupState } from '@plenary/model';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { authorMark } from '../../collab/authorColors.ts';
import { insertedRuns } from '../../collab/textAuthorship.ts';
import { readOnlineUsers } from '../../collab/useOnlineUsers.ts';
import {
  type ArrivedText,
  addHighlights,
  FADE_STEP_MS,
  highlightsByBlock,
  type LiveHighlight,
} from './liveHighlights.ts';
import { type BlockHighlight, blockElement } from './sectionElements.tsx';
import { blockOf, readElement, type SectionBlock } from './sectionTree.ts';

const NO_HIGHLIGHTS: readonly BlockHighlight[] = [];

type GroupColor = (groupId: string | null) => string | undefined;

/** A stable React key per Yjs block, for as long as the block exists. */
const blockKeys = new WeakMap<object, number>();
let nextBlockKey = 0;
function keyOf(block: object): number {
  let key = blockKeys.get(block);
  if (key === undefined) {
    key = nextBlockKey++;
    blockKeys.set(block, key);
  }
  return key;
}

/** The blocks of a fragment, following blocks added and removed. */
function useBlocks(fragment: Y.XmlFragment): SectionBlock[] {
  const [blocks, setBlocks] = useState(() => fragment.toArray());
  useLayoutEffect(() => {
    const update = () => setBlocks(fragment.toArray());
    update();
    fragment.observe(update);
    return () => fragment.unobserve(update);
  }, [fragment]);
  return blocks;
}

/**
 * One block of the text, drawn again only when something in it changes (or its
 * highlights fade), so that typing in one paragraph leaves the rest of the section alone.
 */
const ProjectedBlock = memo(function ProjectedBlock({
  block,
  highlights,
  groupColor,
}: {
  block: SectionBlock;
  highlights: readonly BlockHighlight[];
  groupColor: GroupColor;
}) {
  const [, setVersion] = useState(0);
  // Subscribed before the browser paints, so no change in between goes unseen.
  useLayoutEffect(() => {
    const redraw = () => setVersion((version) => version + 1);
    block.observeDeep(redraw);
    return () => block.unobserveDeep(redraw);
  }, [block]);
  // The binding only puts elements at the top of a section.
  if (!(block instanceof Y.XmlElement)) return null;
  return blockElement(readElement(block), highlights, groupColor);
});

/**
 * A section's text read-only, drawn from its Yjs fragment and following it live, with
 * suggestions marked. Text that arrives from others is marked for a moment in its
 * author's group colour. Carries the editor's `ProseMirror` class, so the editor's
 * stylesheet and the presenter's block positions (`BLOCK_SELECTOR`) apply as they do to
 * the editor, without loading it.
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
  const blocks = useBlocks(fragment);
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

  const groupColor = useMemo<GroupColor>(
    () => (groupId) => groups.find((candidate) => candidate.id === groupId)?.color,
    [groups],
  );

  return (
    <div className="projector-section__text">
      <div className="ProseMirror" translate="no">
        {blocks.map((block) => (
          <ProjectedBlock
            key={keyOf(block)}
            block={block}
            highlights={byBlock.get(block) ?? NO_HIGHLIGHTS}
            groupColor={groupColor}
          />
        ))}
      </div>
    </div>
  );
}
