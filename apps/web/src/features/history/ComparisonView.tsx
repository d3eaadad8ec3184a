import { can, type PlanState } from '@plenary/model';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comparison, VersionSummary } from '../../api/versionTypes.ts';
import { CloseButton } from '../../ui/CloseButton.tsx';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { DiffLegend } from './DiffLegend.tsx';
import { diffAuthors } from './diffAuthors.ts';
import { SectionDiffView } from './SectionDiffView.tsx';
import { type ComparisonRequest, useComparison, useRestore } from './useVersions.ts';
import { versionLabel } from './versionLabel.ts';

/**
 * The changes between two versions, or since a version, above the plan's text: every
 * changed section with insertions and deletions in their authors' group colours, and
 * for those who may, restoring a section or the whole plan to the older version.
 */
export function ComparisonView({
  request,
  plan,
  onClose,
}: {
  request: ComparisonRequest;
  plan: PlanState;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const comparison = useComparison(request);
  const heading = useRef<HTMLHeadingElement>(null);
  const { data } = comparison;
  const title = data
    ? data.to === null
      ? t('history.comparisonSinceHeading', { from: versionLabel(data.from, t) })
      : t('history.comparisonHeading', {
          from: versionLabel(data.from, t),
          to: versionLabel(data.to, t),
        })
    : t('history.comparing');

  const arrived = data !== undefined;
  useEffect(() => {
    // Pressing Compare in the side panel brings the reader to what they asked for, once;
    // a refresh after a restore leaves focus where it is.
    if (arrived && request.fromId && request.toId) heading.current?.focus();
  }, [arrived, request.fromId, request.toId]);

  return (
    <section
      className="comparison card"
      aria-labelledby="comparison-heading"
      data-testid="comparison"
    >
      <div className="comparison__header">
        <h2 id="comparison-heading" ref={heading} tabIndex={-1} className="comparison__heading">
          {title}
        </h2>
        <CloseButton
          label={t('history.closeComparison')}
          className="comparison__close"
          onClick={onClose}
        />
      </div>
      <ErrorMessage error={comparison.error} />
      {data && <ComparisonContent comparison={data} plan={plan} />}
    </section>
  );
}

/** A restore that went through: the section (none for the whole plan) and the version saved before it. */
interface Restored {
  sectionTitle: string | undefined;
  safety: VersionSummary;
}

/** A comparison's legend, sections and restore controls, once the server has answered. */
export function ComparisonContent({
  comparison,
  plan,
}: {
  comparison: Comparison;
  plan: PlanState;
}) {
  const { t } = useTranslation();
  const { actor } = usePlanAccess();
  const [showUnchanged, setShowUnchanged] = useState(false);
  // What was restored, kept as data so the sentence follows a change of language.
  const [restored, setRestored] = useState<Restored | null>(null);
  const restore = useRestore();
  const { groups, phase } = plan;
  const authors = diffAuthors(comparison.people, groups);
  // A section is edged in its group's colour, as in the plan; a removed one as it was.
  const sectionColor = (sectionId: string) => {
    const section = [...plan.sections, ...plan.removedSections].find(
      (candidate) => candidate.id === sectionId,
    );
    return groups.find((group) => group.id === section?.groupId)?.color;
  };
  const version = versionLabel(comparison.from, t);
  // Restoring undoes what the comparison shows only when it compares with now.
  const withNow = comparison.to === null;
  const restores = withNow && can(actor, 'restore-version', { phase });
  const unchanged = comparison.sections.filter((section) => section.status === 'unchanged');
  const shown = comparison.sections.filter(
    (section) => showUnchanged || section.status !== 'unchanged',
  );

  const restoreTo = (sectionId?: string, sectionTitle?: string) =>
    restore.mutate(
      { versionId: comparison.from.id, ...(sectionId === undefined ? {} : { sectionId }) },
      {
        onSuccess: ({ safetyVersion }) => setRestored({ sectionTitle, safety: safetyVersion }),
      },
    );

  const restoredText = ({ sectionTitle, safety }: Restored) => {
    const words = { version, safety: versionLabel(safety, t) };
    return sectionTitle === undefined
      ? t('history.restoredPlan', words)
      : t('history.restoredSection', { ...words, section: sectionTitle });
  };

  return (
    <>
      <DiffLegend authors={authors} groups={groups} />
      <div className="comparison__actions">
        {unchanged.length > 0 && (
          <label className="comparison__option">
            <input
              type="checkbox"
              checked={showUnchanged}
              onChange={(event) => setShowUnchanged(event.target.checked)}
            />
            {t('history.showUnchanged', { count: unchanged.length })}
          </label>
        )}
        {restores && (
          <ConfirmButton
            label={t('history.restorePlan')}
            question={t('history.restorePlanQuestion', { version })}
            confirmLabel={t('history.restoreYes')}
            disabled={restore.isPending}
            onConfirm={() => restoreTo()}
          />
        )}
      </div>
      {!withNow && <p className="muted">{t('history.restoreNeedsNow')}</p>}
      <ErrorMessage error={restore.error} />
      <p role="status" className="comparison__restored">
        {restore.isPending ? t('history.restoring') : restored && restoredText(restored)}
      </p>
      {comparison.sections.length === unchanged.length && (
        <p className="muted">{t('history.noChanges')}</p>
      )}
      {shown.map((section) => (
        <SectionDiffView
          key={section.sectionId}
          section={section}
          color={sectionColor(section.sectionId)}
          authors={authors}
          actions={
            restores && section.status !== 'added' && section.status !== 'unchanged'
              ? (headingId) => {
                  // The title it had in the version, which is the one it gets back.
                  const title = section.previousTitle ?? section.title;
                  return (
                    <ConfirmButton
                      label={t('history.restoreSection')}
                      question={t('history.restoreSectionQuestion', { section: title, version })}
                      confirmLabel={t('history.restoreYes')}
                      disabled={restore.isPending}
                      describedBy={headingId}
                      onConfirm={() => restoreTo(section.sectionId, title)}
                    />
                  );
                }
              : undefined
          }
        />
      ))}
    </>
  );
}
