import type { CaretUser } from '@plenary/editor';
import type { PlanState } from '@plenary/model';
import type { Editor } from '@tiptap/react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerConfig } from '../../api/useServerConfig.ts';
import type { PlanConnection } from '../../collab/planConnection.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { SectionView } from './SectionView.tsx';

/** The plan's text: the shared toolbar and every section, stacked in the plan's order. */
export function PlanDocument({
  plan,
  connection,
  user,
}: {
  plan: PlanState;
  connection: PlanConnection;
  user: CaretUser;
}) {
  const { t } = useTranslation();
  const [activeEditor, setActiveEditor] = useState<Editor | null>(null);
  const config = useServerConfig();
  const dropEditor = useCallback(
    (gone: Editor) => setActiveEditor((current) => (current === gone ? null : current)),
    [],
  );

  return (
    <div className="plan-document">
      <EditorToolbar editor={activeEditor} />
      <h1 className="plan-document__title">{plan.title}</h1>
      {plan.sections.length === 0 && <p className="muted">{t('plan.noSections')}</p>}
      {plan.sections.map((section) => (
        <SectionView
          key={section.id}
          section={section}
          group={plan.groups.find((group) => group.id === section.groupId)}
          connection={connection}
          user={user}
          maxUpdateBytes={config.data?.maxUpdateBytes ?? null}
          onEditorFocus={setActiveEditor}
          onEditorGone={dropEditor}
        />
      ))}
    </div>
  );
}
