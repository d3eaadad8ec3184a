import type { GroupState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import { groupPresence } from '../../collab/groupPresence.ts';
import type { OnlineUser } from '../../collab/useOnlineUsers.ts';

/** How many people of each group are online, for the room to see who is with them. */
export function ProjectorPresence({
  users,
  groups,
}: {
  users: OnlineUser[];
  groups: GroupState[];
}) {
  const { t } = useTranslation();
  return (
    <section className="projector-presence" aria-labelledby="projector-presence-heading">
      <h2 id="projector-presence-heading" className="visually-hidden">
        {t('projector.online')}
      </h2>
      <ul className="projector-presence__list" data-testid="projector-presence">
        {groupPresence(users, groups).map(({ group, people }) => (
          <li
            key={group?.id ?? 'facilitation'}
            className="projector-presence__group"
            data-group={group?.id ?? ''}
            data-count={people.length}
          >
            <span
              className="projector-presence__dot"
              style={{ backgroundColor: group?.color ?? 'var(--plenary-color)' }}
              aria-hidden="true"
            />
            <span className="projector-presence__name">
              {group?.name ?? t('projector.facilitation')}
            </span>
            <span className="projector-presence__count">
              {t('projector.onlineCount', { count: people.length })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
