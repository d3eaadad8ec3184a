import { contentExtensions } from '@plenary/editor';
import type { GroupState, PresentationState, SectionState } from '@plenary/model';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import { useContext, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { authorMark } from '../../collab/authorColors.ts';
import { insertedRuns } from '../../collab/textAuthorship.ts';
import { readOnlineUsers } from '../../collab/useOnlineUsers.ts';
import { SECTION_ID_ATTRIBUTE } from '../../collab/usePresenterBroadcast.ts';
import { CommentHighlights, showCommentRanges } from '../discussion/commentHighlights.ts';
import { commentRange, openThreadsOf } from '../discussion/commentRanges.ts';
import { ProjectedThreadsContext } from '../discussion/ProjectedThreads.tsx';
import { AcceptedText } from '../review/AcceptedText.tsx';
import { highlightRuns, LiveHighlights } from './liveHighlights.ts';

/** The DOM id of a section's title on the projector. */
const titleId = (sectionId: string) => `projector-title-${sectionId}`;

/**
 * One section on the projector: its title and group, and its text read-only. Pending
 * suggestions show marked in their author's group colour, or the text reads as if they
 * were accepted, as the presentation says.
 */
export function ProjectorSection({
  section,
  groups,
  fragment,
  awareness,
  current,
  suggestions,
  onLiveChange,
}: {
  section: SectionState;
  groups: GroupState[];
  fragment: Y.XmlFragment;
  awareness: Awareness;
  /** The section being presented. */
  current: boolean;
  /** How pending suggestions show. */
  suggestions: PresentationState['suggestions'];
  /** New text arrived in this section. */
  onLiveChange: (sectionId: string) => void;
}) {
  const { t } = useTranslation();
  const group = groups.find((candidate) => candidate.id === section.groupId);

  return (
    <section
      className="projector-section"
      {...{ [SECTION_ID_ATTRIBUTE]: section.id }}
      data-testid={`projector-section-${section.id}`}
      data-current={current}
      aria-labelledby={titleId(section.id)}
      style={{ borderInlineStartColor: group?.color ?? 'transparent' }}
    >
      <header className="projector-section__header">
        <h2 id={titleId(section.id)} className="projector-section__title">
          {section.title}
        </h2>
        <span className="projector-chip" style={{ borderColor: group?.color }}>
          {group?.name ?? t('plan.plenary')}
        </span>
      </header>
      {suggestions === 'accepted' ? (
        <AcceptedText
          fragment={fragment}
          labelledBy={titleId(section.id)}
          className="projector-section__text"
        />
      ) : (
        <LiveText
          sectionId={section.id}
          groups={groups}
          fragment={fragment}
          awareness={awareness}
          onLiveChange={onLiveChange}
        />
      )}
    </section>
  );
}

/**
 * A section's text in a read-only editor bound live to its fragment, with no carets and
 * suggestions marked. Text that arrives from others is marked for a moment in its
 * author's group colour.
 */
function LiveText({
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
  onLiveChange: (sectionId: string) => void;
}) {
  // The editor and the listener below are made once; they read the latest groups and callback.
  const latest = useRef({ groups, onLiveChange });
  useEffect(() => {
    latest.current = { groups, onLiveChange };
  });
  const editor = useEditor(
    {
      extensions: [
        ...contentExtensions({
          groupColor: (groupId) =>
            latest.current.groups.find((candidate) => candidate.id === groupId)?.color,
        }),
        Collaboration.configure({ fragment }),
        LiveHighlights,
        CommentHighlights.configure({ interactive: false }),
      ],
      editable: false,
      shouldRerenderOnTransaction: false,
      editorProps: { attributes: { 'aria-labelledby': titleId(sectionId) } },
    },
    [fragment],
  );

  useEffect(() => {
    const doc = fragment.doc;
    if (!editor || !doc) return;
    const onTransaction = (transaction: Y.Transaction) => {
      // Changes made on this device are none of the room's news (the projector writes nothing).
      if (transaction.local || editor.isDestroyed) return;
      const runs = insertedRuns(transaction, fragment);
      if (runs.length === 0) return;
      const users = readOnlineUsers(awareness);
      highlightRuns(
        editor.view,
        runs.map((run) => ({ run, mark: authorMark(run.client, users, latest.current.groups) })),
      );
      latest.current.onLiveChange(sectionId);
    };
    // After the transaction: the Yjs binding has updated the editor's text by then.
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [editor, fragment, awareness, sectionId]);

  // The words of the open comments, numbered as the list beside the text, while shown.
  const threads = useContext(ProjectedThreadsContext);
  const ranges = useMemo(
    () =>
      openThreadsOf(threads ?? [], sectionId).flatMap((thread, index) => {
        const range = commentRange(thread, { count: index + 1, label: '' });
        return range ? [range] : [];
      }),
    [threads, sectionId],
  );
  useEffect(() => {
    if (editor && !editor.isDestroyed) showCommentRanges(editor.view, ranges);
  }, [editor, ranges]);

  return <EditorContent editor={editor} className="projector-section__text" />;
}
