import type { GroupState } from '@plenary/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Participant } from '../../api/planTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

/**
 * Everyone who joined, for the facilitator to remove one person: their sessions end at
 * once, while the link they came with keeps working for the others.
 */
export function ParticipantList({ groups }: { groups: GroupState[] }) {
  const { t } = useTranslation();
  const { api, planId, me } = usePlanAccess();
  const queryClient = useQueryClient();
  const participants = useQuery({
    queryKey: queryKeys.participants(planId),
    queryFn: ({ signal }) => api.participants(signal),
  });
  const remove = useMutation({
    mutationFn: (participant: Participant) => api.removeParticipant(participant.id),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.participants(planId) }),
        // A per-person link goes with its person.
        queryClient.invalidateQueries({ queryKey: queryKeys.invites(planId) }),
      ]),
  });
  const groupName = (groupId: string | null) =>
    groups.find((group) => group.id === groupId)?.name ?? null;

  return (
    <section className="share__people" aria-labelledby="share-people-heading">
      <h3 id="share-people-heading">{t('share.peopleHeading')}</h3>
      <p className="muted">{t('share.peopleIntro')}</p>
      {participants.isPending && <p className="muted">{t('common.loading')}</p>}
      <ErrorMessage error={participants.error} />
      <ErrorMessage error={remove.error} />
      {participants.isSuccess && (
        <ul className="invite-list">
          {participants.data.map((participant) => {
            const group = groupName(participant.groupId);
            const nameId = `participant-${participant.id}`;
            return (
              <li
                key={participant.id}
                className="invite-item"
                data-testid={`participant-${participant.id}`}
                data-state={participant.removedAt === null ? 'in' : 'removed'}
              >
                <span className="invite-item__text">
                  <span id={nameId} className="invite-item__label">
                    {participant.name}
                  </span>
                  <span className="invite-item__details">
                    {t(`roles.${participant.role}`)}
                    {group ? ` · ${group}` : ''}
                  </span>
                </span>
                {participant.removedAt !== null ? (
                  <span className="invite-item__details">{t('share.removed')}</span>
                ) : (
                  participant.id !== me.participantId && (
                    <ConfirmButton
                      label={t('share.remove')}
                      question={t('share.removeConfirm', { name: participant.name })}
                      confirmLabel={t('share.removeYes')}
                      describedBy={nameId}
                      disabled={remove.isPending}
                      onConfirm={() => remove.mutate(participant)}
                    />
                  )
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
