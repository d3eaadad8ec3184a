import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionDiff } from '../../api/versionTypes.ts';
import { DiffBlockView } from './DiffBlockView.tsx';
import type { DiffAuthors } from './diffAuthors.ts';
import { diffItems } from './diffBlocks.ts';

/**
 * One section in a comparison: its title and what became of it (new, removed, renamed,
 * changed), its text with the changes marked and long unchanged stretches folded, and
 * whatever `actions` the reader may take on it.
 */
export function SectionDiffView({
  section,
  color,
  authors,
  actions,
}: {
  section: SectionDiff;
  /** The section's group colour; the plenary's when it has no group. */
  color: string | undefined;
  authors: DiffAuthors;
  /** Controls for this section, told the id of its title so they can name what they act on. */
  actions?: ((headingId: string) => ReactNode) | undefined;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  // Who added, removed or renamed the section, when the library could tell.
  const changer =
    section.status !== 'unchanged' && section.participantId
      ? authors.get(section.participantId)
      : undefined;
  // An unchanged section is shown because the reader asked to read it: all of it.
  const items =
    section.status === 'unchanged'
      ? section.blocks.map((block, index) => ({ kind: 'block' as const, block, index }))
      : diffItems(section.blocks);
  return (
    <section
      className="diff-section"
      data-status={section.status}
      data-section-id={section.sectionId}
      data-testid="diff-section"
      aria-labelledby={headingId}
      style={{ borderInlineStartColor: color ?? 'var(--plenary-color)' }}
    >
      <div className="diff-section__header">
        <h3 id={headingId} className="diff-section__title">
          {section.title}
        </h3>
        <span className="status-chip diff-section__status">
          {t(`history.status.${section.status}`)}
          {changer && ` · ${t('history.by', { name: changer.name })}`}
        </span>
      </div>
      {section.previousTitle !== null && (
        <p className="diff-section__renamed">
          {t('history.renamed', { title: section.previousTitle })}
        </p>
      )}
      <div className="diff-section__blocks">
        {items.map((item) =>
          item.kind === 'block' ? (
            <DiffBlockView key={item.index} block={item.block} authors={authors} />
          ) : (
            <details key={item.index} className="diff-fold">
              <summary>{t('history.unchangedText', { count: item.blocks.length })}</summary>
              {item.blocks.map(({ block, index }) => (
                <DiffBlockView key={index} block={block} authors={authors} />
              ))}
            </details>
          ),
        )}
      </div>
      {actions && <div className="diff-section__actions">{actions(headingId)}</div>}
    </section>
  );
}
