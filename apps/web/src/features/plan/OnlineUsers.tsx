import type { GroupState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import { type OnlineUser, splitByRole } from '../../collab/useOnlineUsers.ts';

/**
 * Who has the plan open: a chip per person in their caret colour, this device first.
 * Observers are listed apart as viewing, since they never write.
 */
export function OnlineUsers({ users, groups }: { users: OnlineUser[]; groups: GroupState[] }) {
  const { t } = useTranslation();
  const { writing, viewing } = splitByRole(users);
  return (
    <section className="online-users" data-testid="online-users" aria-labelledby="online-heading">
      <h2 id="online-heading" className="sidebar-heading">
        {t('plan.online')} <span className="count">{writing.length}</span>
      </h2>
      <UserChips users={writing} groups={groups} />
      {viewing.length > 0 && (
        <>
          <h3 id="viewing-heading" className="sidebar-heading online-users__viewing">
            {t('plan.viewing')} <span className="count">{viewing.length}</span>
          </h3>
          <UserChips users={viewing} groups={groups} testId="viewing-users" />
        </>
      )}
    </section>
  );
}

function UserChips({
  users,
  groups,
  testId,
}: {
  users: OnlineUser[];
  groups: GroupState[];
  testId?: string;
}) {
  const { t } = useTranslation();
  // A member's group says more than "Member"; observers are already under "Viewing".
  const detail = (user: OnlineUser): string | null => {
    if (user.role === 'member')
      return groups.find((group) => group.id === user.groupId)?.name ?? null;
    if (user.role === 'facilitator' || user.role === 'focal-point') return t(`roles.${user.role}`);
    return null;
  };
  return (
    <ul className="online-users__list" data-testid={testId}>
      {users.map((user) => {
        const about = detail(user);
        return (
          <li key={user.clientId} className="user-chip" data-self={user.self} data-role={user.role}>
            <span className="user-chip__dot" style={{ backgroundColor: user.color }} aria-hidden />
            <span className="user-chip__name">
              {user.self ? t('plan.you', { name: user.name }) : user.name}
            </span>
            {about && <span className="user-chip__detail">{about}</span>}
          </li>
        );
      })}
    </ul>
  );
}
