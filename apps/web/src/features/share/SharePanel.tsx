import type { GroupState } from '@plenary/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invite } from '../../api/planTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { InviteForm } from './InviteForm.tsx';
import { InviteLink } from './InviteLink.tsx';
import { InviteList } from './InviteList.tsx';
import { hasJoinCode, inviteLabel } from './inviteLabel.ts';
import { LinkReachNote } from './LinkReachNote.tsx';
import { ParticipantList } from './ParticipantList.tsx';

/** How often the open panel refreshes the links, so "Joined" counts people as they arrive. */
const REFRESH_MS = 10_000;

/** The link on show: the one just created, or one the facilitator asked to see again. */
interface ShownLink {
  url: string | null;
  label: string;
  /** The invite, when it is one with a short join code to show beside it. */
  codeOf: string | null;
}

/** The facilitator's Share panel: create links per role, show them as QR codes, revoke them. */
export function SharePanel({ groups, onClose }: { groups: GroupState[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { api, planId, me } = usePlanAccess();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<ShownLink | null>(null);
  const invites = useQuery({
    queryKey: queryKeys.invites(planId),
    queryFn: ({ signal }) => api.invites(signal),
    refetchInterval: REFRESH_MS,
  });
  const revoke = useMutation({
    mutationFn: (invite: Invite) => api.revokeInvite(invite.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invites(planId) }),
  });
  const show = (invite: {
    id: string;
    url: string | null;
    role: Invite['role'];
    groupId: string | null;
    personName: string | null;
  }) =>
    setShown({
      url: invite.url,
      label: inviteLabel(invite, groups, t),
      codeOf: hasJoinCode(invite) ? invite.id : null,
    });

  return (
    <Modal heading={t('share.heading')} onClose={onClose} wide>
      <p className="muted">{t('share.intro')}</p>
      <LinkReachNote />
      <div className="share">
        <InviteForm groups={groups} onCreated={show} />
        {shown &&
          (shown.url ? (
            <InviteLink
              key={shown.url}
              url={shown.url}
              label={shown.label}
              inviteId={shown.codeOf}
            />
          ) : (
            <p className="alert alert--error">{t('share.cannotShow')}</p>
          ))}
      </div>
      <section className="share__links" aria-labelledby="share-links-heading">
        <h3 id="share-links-heading">{t('share.listHeading')}</h3>
        {invites.isPending && <p className="muted">{t('common.loading')}</p>}
        <ErrorMessage error={invites.error} />
        <ErrorMessage error={revoke.error} />
        {invites.isSuccess && (
          <InviteList
            invites={invites.data}
            groups={groups}
            ownInviteId={me.inviteId}
            now={new Date(invites.dataUpdatedAt)}
            onShow={show}
            onRevoke={(invite) => revoke.mutate(invite)}
          />
        )}
      </section>
      <ParticipantList groups={groups} />
    </Modal>
  );
}
