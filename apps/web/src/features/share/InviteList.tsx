import { formatMoment, type GroupState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type { Invite } from '../../api/planTypes.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { inviteLabel } from './inviteLabel.ts';
import { inviteState, sortInvites } from './inviteTimes.ts';

/**
 * The plan's invite links: what each grants, how many joined with it, whether it still
 * works, with Show (the QR code and address again) and Revoke for the working ones.
 * The facilitator's own link cannot be revoked here: it would lock them out.
 */
export function InviteList({
  invites,
  groups,
  ownInviteId,
  now,
  onShow,
  onRevoke,
}: {
  invites: Invite[];
  groups: GroupState[];
  /** The link this person joined with. */
  ownInviteId: string;
  now: Date;
  onShow: (invite: Invite) => void;
  onRevoke: (invite: Invite) => void;
}) {
  const { t, i18n } = useTranslation();
  if (invites.length === 0) return <p className="muted">{t('share.empty')}</p>;
  return (
    <ul className="invite-list" data-testid="invite-list">
      {sortInvites(invites, now).map((invite) => {
        const state = inviteState(invite, now);
        const own = invite.id === ownInviteId;
        const validity =
          state === 'revoked'
            ? t('share.revoked')
            : state === 'expired'
              ? t('share.expired')
              : invite.expiresAt
                ? t('share.expires', { date: formatMoment(invite.expiresAt, i18n.language) })
                : t('share.noExpiry');
        const label = inviteLabel(invite, groups, t);
        return (
          <li
            key={invite.id}
            className="invite-item"
            data-testid={`invite-${invite.id}`}
            data-state={state}
          >
            <div className="invite-item__text">
              <span className="invite-item__label" id={`invite-${invite.id}-label`}>
                {label}
              </span>
              <span className="invite-item__details">
                {[
                  t('share.joined', { count: invite.participantCount }),
                  validity,
                  own ? t('share.yourLink') : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </div>
            {state === 'active' && (
              <div className="invite-item__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-describedby={`invite-${invite.id}-label`}
                  onClick={() => onShow(invite)}
                >
                  {t('share.show')}
                </button>
                {!own && (
                  <ConfirmButton
                    label={t('share.revoke')}
                    question={t('share.revokeConfirm')}
                    confirmLabel={t('share.revokeYes')}
                    describedBy={`invite-${invite.id}-label`}
                    onConfirm={() => onRevoke(invite)}
                  />
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
