import type { CaretUser, GroupColor, SuggestionAuthor } from '@plenary/editor';
import { can, type PlanState, type PresentationState } from '@plenary/model';
import type { EditingMode } from '@plenary/suggestions';
import type { Editor } from '@tiptap/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerConfig } from '../../api/useServerConfig.ts';
import type { PlanConnection } from '../../collab/planConnection.ts';
import { useSuggestingPolicy } from '../../collab/useSuggestingPolicy.ts';
import type { PendingSuggestion } from '../review/pendingSuggestions.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { choosesEditingMode, editingModeFor } from './editingMode.ts';
import { ModeSwitch } from './ModeSwitch.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';
import { SectionView } from './SectionView.tsx';
import { sectionAccess } from './sectionAccess.ts';

const NO_SUGGESTIONS: readonly PendingSuggestion[] = [];

// Each section gets the same array while the plan's suggestions stay the same.
function groupBySection(
  pending: readonly PendingSuggestion[],
): Map<string, readonly PendingSuggestion[]> {
  const bySection = new Map<string, PendingSuggestion[]>();
  for (const suggestion of pending) {
    const list = bySection.get(suggestion.sectionId);
    if (list) list.push(suggestion);
    else bySection.set(suggestion.sectionId, [suggestion]);
  }
  return bySection;
}

/**
 * The plan's text: the shared toolbar and every section, stacked in the plan's order,
 * each editable or read-only as the rights table says for this person in this phase.
 */
export function PlanDocument({
  plan,
  presentation,
  connection,
  user,
  connected,
  clockOffset,
  pending,
  preview,
}: {
  plan: PlanState;
  /** What the projectors show; presenters get a Present button on each section. */
  presentation: PresentationState;
  connection: PlanConnection;
  user: CaretUser;
  /** False once the connection has ended for good: everything is read-only then. */
  connected: boolean;
  /** How far this device's clock is from the server's, for stamping suggestions. */
  clockOffset: number;
  /** The plan's pending suggestions, for those who approve sections (else empty). */
  pending: readonly PendingSuggestion[];
  /** Every section as if its suggestions were accepted, read-only. */
  preview: boolean;
}) {
  const { t } = useTranslation();
  const { actor, me } = usePlanAccess();
  const [activeEditor, setActiveEditor] = useState<Editor | null>(null);
  const config = useServerConfig();
  const dropEditor = useCallback(
    (gone: Editor) => setActiveEditor((current) => (current === gone ? null : current)),
    [],
  );
  const { phase } = plan;
  const [chosenMode, setChosenMode] = useState<EditingMode | null>(null);
  const policy = useSuggestingPolicy(connection.doc);
  const mode = editingModeFor(actor, phase, chosenMode, policy);
  const author = useMemo<SuggestionAuthor>(
    () => ({ id: me.participantId, name: me.name, groupId: me.groupId }),
    [me],
  );
  // Editors keep the functions they were made with; these read the latest values.
  const latest = useRef({ groups: plan.groups, clockOffset });
  latest.current = { groups: plan.groups, clockOffset };
  const groupColor = useCallback<GroupColor>(
    (groupId) => latest.current.groups.find((group) => group.id === groupId)?.color,
    [],
  );
  const now = useCallback(() => Date.now() + latest.current.clockOffset, []);
  const sections = plan.sections.map((section) => ({
    section,
    access: sectionAccess(actor, phase, section, connected),
  }));
  const assigns = connected && can(actor, 'edit-structure', { phase });
  const approves = connected && can(actor, 'approve-section', { phase });
  const presents = connected && can(actor, 'present', { phase });
  const pendingBySection = useMemo(() => groupBySection(pending), [pending]);

  return (
    <div className="plan-document">
      {preview && (
        <p className="plan-note" role="status">
          {t('review.previewNote')}
        </p>
      )}
      {!preview && sections.some(({ access }) => access.writable) && (
        <EditorToolbar
          editor={activeEditor}
          leading={
            <ModeSwitch
              mode={mode}
              chooses={choosesEditingMode(actor, phase)}
              onChoose={setChosenMode}
            />
          }
        />
      )}
      <h1 className="plan-document__title">{plan.title}</h1>
      {plan.sections.length === 0 && <p className="muted">{t('plan.noSections')}</p>}
      {sections.map(({ section, access }) => (
        <SectionView
          key={section.id}
          section={section}
          groups={plan.groups}
          access={access}
          assigns={assigns}
          approves={approves}
          presentation={presents ? presentation : null}
          connection={connection}
          user={user}
          mode={mode}
          author={author}
          groupColor={groupColor}
          now={now}
          maxUpdateBytes={config.data?.maxUpdateBytes ?? null}
          pending={pendingBySection.get(section.id) ?? NO_SUGGESTIONS}
          preview={preview}
          onEditorFocus={setActiveEditor}
          onEditorGone={dropEditor}
        />
      ))}
    </div>
  );
}
