import type { GroupState, Role } from '@plenary/model';
import type { TFunction } from 'i18next';

/** A link's name in words: "Member link for Group 1", "Observer link". */
export function inviteLabel(
  invite: { role: Role; groupId: string | null },
  groups: readonly GroupState[],
  t: TFunction,
): string {
  const role = t(`roles.${invite.role}`);
  const group = groups.find((candidate) => candidate.id === invite.groupId);
  return group
    ? t('share.linkForGroup', { role, group: group.name })
    : t('share.linkFor', { role });
}
