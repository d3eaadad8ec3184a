import { type GroupState, ROLES, type Role } from '@plenary/model';
import type { TFunction } from 'i18next';

/**
 * A link's name in words: "Member link for Group 1", "Observer link", and for one
 * person's own link "Amina’s member link (Group 1)".
 */
export function inviteLabel(
  invite: { role: Role; groupId: string | null; personName?: string | null },
  groups: readonly GroupState[],
  t: TFunction,
): string {
  const role = t(`roles.${invite.role}`);
  const group = groups.find((candidate) => candidate.id === invite.groupId);
  if (invite.personName) {
    const own = t('share.linkForPerson', { role, person: invite.personName });
    return group ? `${own} (${group.name})` : own;
  }
  return group
    ? t('share.linkForGroup', { role, group: group.name })
    : t('share.linkFor', { role });
}

/**
 * Who the join code on the projector is for, in words: the server names a member link
 * by its group, and any other link by its role.
 */
export function joinOverlayLabel(label: string, t: TFunction): string {
  const role = ROLES.find((candidate) => candidate === label);
  return role ? t(`roles.${role}`) : label;
}

/**
 * Whether the server offers a short join code for a link: shared member and observer
 * links only (a code is a far smaller secret than a link, so never for more rights or
 * for one person's own link).
 */
export const hasJoinCode = (invite: { role: Role; personName?: string | null }): boolean =>
  (invite.role === 'member' || invite.role === 'observer') && !invite.personName;
