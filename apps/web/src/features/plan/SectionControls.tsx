import type { GroupState, SectionState, SectionStatus } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionChange } from '../../api/planTypes.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { ReplaceSectionFromFile } from '../import/ReplaceSectionFromFile.tsx';
import type { PendingSuggestion } from '../review/pendingSuggestions.ts';
import { useDecide } from '../review/useDecisions.ts';
import { type ApprovalChoice, ApprovalQuestion } from './ApprovalQuestion.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';

const STATUSES: readonly SectionStatus[] = ['drafting', 'in-review', 'agreed'];

/**
 * A section's group (facilitator) and status (focal point and facilitator). The doc has
 * the last word; while a change is on its way the select shows the value chosen, so it
 * does not jump back on a slow network. Agreeing a section that still has suggestions
 * first asks what to do with them.
 */
export function SectionControls({
  section,
  groups,
  assigns,
  approves,
  pending,
}: {
  section: SectionState;
  groups: GroupState[];
  /** May choose the section's group. */
  assigns: boolean;
  /** May set the section's status. */
  approves: boolean;
  /** The section's pending suggestions. */
  pending: readonly PendingSuggestion[];
}) {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const change = useMutation({
    mutationFn: (next: SectionChange) => api.updateSection(section.id, next),
  });
  const decide = useDecide();
  const [asking, setAsking] = useState(false);
  const chooseStatus = (next: SectionStatus) => {
    if (next === 'agreed' && pending.length > 0) setAsking(true);
    else change.mutate({ status: next });
  };
  const approve = async (choice: ApprovalChoice) => {
    if (choice !== 'keep') {
      // Decided first: a locked section would still show what nobody decided.
      await decide.mutateAsync({
        action: choice,
        suggestions: pending.map((s) => ({ sectionId: section.id, suggestionId: s.id })),
      });
    }
    setAsking(false);
    change.mutate({ status: 'agreed' });
  };
  const sent = change.isPending ? change.variables : undefined;
  const groupId = sent && 'groupId' in sent ? sent.groupId : section.groupId;
  const status = sent && 'status' in sent ? sent.status : section.status;

  return (
    <div className="section-controls">
      {assigns && (
        <label className="section-controls__field">
          <span aria-hidden="true">{t('plan.group')}</span>
          <select
            aria-label={t('plan.groupFor', { title: section.title })}
            value={groupId ?? ''}
            onChange={(event) => change.mutate({ groupId: event.target.value || null })}
          >
            <option value="">{t('plan.plenary')}</option>
            {groups
              .filter((group) => !group.archived)
              .map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
          </select>
        </label>
      )}
      {approves && (
        <label className="section-controls__field">
          <span aria-hidden="true">{t('plan.status')}</span>
          <select
            aria-label={t('plan.statusOf', { title: section.title })}
            value={status}
            onChange={(event) => chooseStatus(event.target.value as SectionStatus)}
          >
            {STATUSES.map((option) => (
              <option key={option} value={option}>
                {t(`statuses.${option}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {assigns && <ReplaceSectionFromFile section={section} />}
      {asking && (
        <ApprovalQuestion
          section={section}
          pending={pending}
          busy={decide.isPending}
          // A refused decision shows in words below (decide.error); the section stays as it was.
          onChoose={(choice) => void approve(choice).catch(() => {})}
          onCancel={() => setAsking(false)}
        />
      )}
      <ErrorMessage error={change.error ?? decide.error} inline />
    </div>
  );
}
