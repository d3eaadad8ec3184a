import type { CaretUser } from '@plenary/editor';
import { type GroupState, type SectionState, sectionFragmentName } from '@plenary/model';
import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanConnection } from '../../collab/planConnection.ts';
import { formatBytes } from '../../ui/formatBytes.ts';
import { SectionEditor } from './SectionEditor.tsx';
import { sectionElementId, sectionTitleId } from './sectionIds.ts';

interface PasteRefusal {
  bytes: number;
  limit: number;
}

/** One section of the plan: its title, its group, and its text editor. */
export function SectionView({
  section,
  group,
  connection,
  user,
  maxUpdateBytes,
  onEditorFocus,
  onEditorGone,
}: {
  section: SectionState;
  group: GroupState | undefined;
  connection: PlanConnection;
  user: CaretUser;
  maxUpdateBytes: number | null;
  onEditorFocus(editor: Editor): void;
  onEditorGone(editor: Editor): void;
}) {
  const { t, i18n } = useTranslation();
  const [refusal, setRefusal] = useState<PasteRefusal | null>(null);
  const fragment = connection.doc.getXmlFragment(sectionFragmentName(section.id));

  return (
    <section
      className="section"
      id={sectionElementId(section.id)}
      data-testid={sectionElementId(section.id)}
      aria-labelledby={sectionTitleId(section.id)}
      style={{ borderInlineStartColor: group?.color ?? 'var(--plenary-color)' }}
    >
      <header className="section__header">
        <h2 id={sectionTitleId(section.id)} className="section__title" tabIndex={-1}>
          {section.title}
        </h2>
        <span className="group-chip" style={{ color: group?.color }}>
          {group?.name ?? t('plan.plenary')}
        </span>
      </header>
      {refusal && (
        <div role="alert" className="alert alert--error section__alert">
          <p>
            {t('paste.tooLarge', {
              size: formatBytes(refusal.bytes, i18n.language),
              limit: formatBytes(refusal.limit, i18n.language),
            })}
          </p>
          <button type="button" className="button button--small" onClick={() => setRefusal(null)}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
      <SectionEditor
        fragment={fragment}
        awareness={connection.provider.awareness}
        user={user}
        labelledBy={sectionTitleId(section.id)}
        maxUpdateBytes={maxUpdateBytes}
        onFocus={onEditorFocus}
        onGone={onEditorGone}
        onPasteRefused={(bytes, limit) => setRefusal({ bytes, limit })}
      />
    </section>
  );
}
