import type { CaretUser, GroupColor, SuggestionAuthor } from '@plenary/editor';
import {
  type GroupState,
  type PresentationState,
  type SectionState,
  sectionFragmentName,
} from '@plenary/model';
import type { EditingMode } from '@plenary/suggestions';
import type { Editor } from '@tiptap/react';
import { memo, useState } from 'react';
import type { PlanConnection } from '../../collab/planConnection.ts';
import { SECTION_ID_ATTRIBUTE } from '../../collab/usePresenterBroadcast.ts';
import { LoadingBoundary } from '../../ui/LoadingBoundary.tsx';
import { PartUnavailable } from '../../ui/PartUnavailable.tsx';
import { AcceptedText } from '../review/acceptedTextChunk.ts';
import type { PendingSuggestion } from '../review/pendingSuggestions.ts';
import { SectionEditor } from './editorChunk.ts';
import { LargePasteNotice } from './LargePasteNotice.tsx';
import { LoadingSectionText } from './LoadingSectionText.tsx';
import { PresentButton } from './PresentButton.tsx';
import { SectionControls } from './SectionControls.tsx';
import type { HeldPaste } from './SectionEditor.tsx';
import { SectionHeader } from './SectionHeader.tsx';
import type { SectionAccess } from './sectionAccess.ts';
import { sectionElementId, sectionTitleId } from './sectionIds.ts';

/**
 * One section of the plan: its title, its group and status, and its text editor. Memoised:
 * a change elsewhere in the plan (another section's title, someone joining) leaves it be.
 */
export const SectionView = memo(function SectionView({
  section,
  groups,
  access,
  assigns,
  approves,
  presentation,
  connection,
  user,
  mode,
  author,
  groupColor,
  now,
  maxUpdateBytes,
  pending,
  preview,
  onEditorFocus,
  onEditorGone,
}: {
  section: SectionState;
  groups: GroupState[];
  /** Whether this person may write here now. */
  access: SectionAccess;
  /** May choose the section's group. */
  assigns: boolean;
  /** May set the section's status. */
  approves: boolean;
  /** What the projectors show, for a presenter's Present button; null for others. */
  presentation: PresentationState | null;
  connection: PlanConnection;
  user: CaretUser;
  mode: EditingMode;
  author: SuggestionAuthor;
  groupColor: GroupColor;
  now: () => number;
  maxUpdateBytes: number | null;
  /** This section's pending suggestions, for those who approve it. */
  pending: readonly PendingSuggestion[];
  /** Show the text as if every suggestion were accepted, read-only. */
  preview: boolean;
  onEditorFocus(editor: Editor): void;
  onEditorGone(editor: Editor): void;
}) {
  const [heldPaste, setHeldPaste] = useState<HeldPaste | null>(null);
  const fragment = connection.doc.getXmlFragment(sectionFragmentName(section.id));
  const group = groups.find((candidate) => candidate.id === section.groupId);

  return (
    <section
      className="section"
      id={sectionElementId(section.id)}
      data-testid={sectionElementId(section.id)}
      {...{ [SECTION_ID_ATTRIBUTE]: section.id }}
      aria-labelledby={sectionTitleId(section.id)}
      data-status={section.status}
      data-writable={access.writable}
      style={{ borderInlineStartColor: group?.color ?? 'var(--plenary-color)' }}
    >
      <SectionHeader
        section={section}
        group={group}
        access={access}
        actions={presentation && <PresentButton section={section} presentation={presentation} />}
      />
      {(assigns || approves) && (
        <SectionControls
          section={section}
          groups={groups}
          assigns={assigns}
          approves={approves}
          pending={pending}
        />
      )}
      {heldPaste && <LargePasteNotice paste={heldPaste} onDone={() => setHeldPaste(null)} />}
      {/* The text shows before the editor's code has arrived; typing waits for it. Only a
          screenful: the editor draws the whole section again, and drawing a long one twice
          would delay the editor. Offline before the editor's code was kept on this device,
          the text stays under a notice until it arrives. */}
      <LoadingBoundary
        fallback={<LoadingSectionText fragment={fragment} groupColor={groupColor} />}
        unavailable={(retry, retrying) => (
          <>
            <PartUnavailable retry={retry} retrying={retrying} />
            <LoadingSectionText fragment={fragment} groupColor={groupColor} />
          </>
        )}
      >
        {preview ? (
          <AcceptedText
            fragment={fragment}
            labelledBy={sectionTitleId(section.id)}
            className="section__editor section__editor--preview"
          />
        ) : (
          <SectionEditor
            sectionId={section.id}
            fragment={fragment}
            awareness={connection.provider.awareness}
            user={user}
            mode={mode}
            author={author}
            groupColor={groupColor}
            now={now}
            labelledBy={sectionTitleId(section.id)}
            editable={access.writable}
            maxUpdateBytes={maxUpdateBytes}
            confirmations={connection.confirmations}
            onFocus={onEditorFocus}
            onGone={onEditorGone}
            onLargePaste={setHeldPaste}
          />
        )}
      </LoadingBoundary>
    </section>
  );
});
