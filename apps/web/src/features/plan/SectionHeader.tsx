import type { GroupState, SectionState } from '@plenary/model';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionAccess } from './sectionAccess.ts';
import { sectionTitleId } from './sectionIds.ts';

const LOCK_ICON = (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
    <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
    <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
  </svg>
);

/**
 * A section's title with what everyone needs to know before writing in it: the group
 * that owns it, whether it is agreed (locked), and why it is read-only for this person.
 */
export function SectionHeader({
  section,
  group,
  access,
  actions,
}: {
  section: SectionState;
  group: GroupState | undefined;
  access: SectionAccess;
  /** Controls beside the badges, such as Present for the facilitator. */
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const reason = access.writable ? null : access.reason;
  // Only the reasons that differ from section to section; the plan-wide ones (observer,
  // final, disconnected) are said once above the text, and agreed has its lock.
  const note =
    reason === 'other-group'
      ? t('plan.readOnlyOtherGroup', { group: group?.name ?? '' })
      : reason === 'plenary'
        ? t('plan.readOnlyPlenary')
        : null;
  return (
    <>
      <header className="section__header">
        <h2 id={sectionTitleId(section.id)} className="section__title" tabIndex={-1}>
          {section.title}
        </h2>
        <div className="section__badges">
          {section.status === 'agreed' && (
            <span className="lock-badge" data-testid="section-lock" title={t('plan.agreedLock')}>
              {LOCK_ICON}
              {t('statuses.agreed')}
            </span>
          )}
          {section.status === 'in-review' && (
            <span className="status-chip">{t('statuses.in-review')}</span>
          )}
          <span className="group-chip" data-testid="section-group" style={{ color: group?.color }}>
            {group?.name ?? t('plan.plenary')}
          </span>
          {actions}
        </div>
      </header>
      {note && <p className="section__readonly">{note}</p>}
    </>
  );
}
