import type { Editor } from '@tiptap/core';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { showCommentRanges } from './showCommentRanges.ts';
import { showSupportLabels } from './showSupportLabels.ts';
import { useSectionDiscussion } from './useSectionDiscussion.ts';

/** What the discussion layer of a section's editor needs. */
export interface SectionDiscussionLayerProps {
  sectionId: string;
  fragment: Y.XmlFragment;
  /** The section's editor, with the comment highlights and support labels extensions. */
  editor: Editor;
}

/**
 * Draws the section's part of the plan's discussion in its editor: the open threads' words
 * and the support labels of closed rounds. A component of its own, loaded just after the
 * editor: the discussion's readers (comment anchors, round tallies) are not needed to type,
 * and the words are drawn as soon as it is here. Draws nothing itself.
 */
export function SectionDiscussionLayer({
  sectionId,
  fragment,
  editor,
}: SectionDiscussionLayerProps) {
  const discussion = useSectionDiscussion(sectionId, fragment);
  useEffect(() => {
    if (!editor.isDestroyed) showCommentRanges(editor.view, discussion?.comments ?? []);
  }, [editor, discussion?.comments]);
  useEffect(() => {
    if (!editor.isDestroyed) showSupportLabels(editor.view, discussion?.support ?? []);
  }, [editor, discussion?.support]);
  return null;
}
