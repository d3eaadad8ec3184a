import type { GroupState, PresentationState } from '@plenary/model';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresentationChange } from '../../api/planTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { inviteLabel, joinOverlayLabel } from '../share/inviteLabel.ts';
import { inviteState } from '../share/inviteTimes.ts';
import { LinkReachNote } from '../share/LinkReachNote.tsx';

/**
 * Shows a member or observer link on the projectors as a large QR code, so people in
 * the room join by scanning it, and hides it again. Facilitator and focal point links
 * are never offered: what is on the projector is public to the room.
 */
export function JoinOverlayControls({
  groups,
  presentation,
}: {
  groups: GroupState[];
  presentation: PresentationState;
}) {
  const { t } = useTranslation();
  const { api, planId } = usePlanAccess();
  const [inviteId, setInviteId] = useState('');
  const invites = useQuery({
    queryKey: queryKeys.invites(planId),
    queryFn: ({ signal }) => api.invites(signal),
  });
  const change = useMutation({ mutationFn: (next: PresentationChange) => api.present(next) });
  const now = new Date(invites.dataUpdatedAt);
  const shareable = (invites.data ?? []).filter(
    (invite) =>
      (invite.role === 'member' || invite.role === 'observer') &&
      invite.personName === null &&
      invite.url !== null &&
      inviteState(invite, now) === 'active',
  );
  const chosen = shareable.some((invite) => invite.id === inviteId)
    ? inviteId
    : (shareable[0]?.id ?? '');
  const shown = presentation.joinOverlay;

  return (
    <div className="join-controls">
      <LinkReachNote />
      {invites.isSuccess && shareable.length === 0 ? (
        <p className="muted">{t('console.noPublicLinks')}</p>
      ) : (
        <div className="join-controls__row">
          <SelectField
            label={t('console.joinLink')}
            value={chosen}
            onChange={(event) => setInviteId(event.target.value)}
          >
            {shareable.map((invite) => (
              <option key={invite.id} value={invite.id}>
                {inviteLabel(invite, groups, t)}
              </option>
            ))}
          </SelectField>
          <button
            type="button"
            className="button button--secondary"
            disabled={!chosen || change.isPending}
            onClick={() => change.mutate({ joinOverlayInviteId: chosen })}
          >
            {t('console.showJoin')}
          </button>
        </div>
      )}
      {shown && (
        <p className="join-controls__shown">
          <span data-testid="join-shown">
            {t('console.joinShown', { label: joinOverlayLabel(shown.label, t) })}
          </span>{' '}
          <button
            type="button"
            className="button button--small"
            disabled={change.isPending}
            onClick={() => change.mutate({ joinOverlayInviteId: null })}
          >
            {t('console.hideJoin')}
          </button>
        </p>
      )}
      <ErrorMessage error={invites.error ?? change.error} inline />
    </div>
  );
}
