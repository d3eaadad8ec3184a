import type { GroupState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import { groupPresence } from '../../collab/groupPresence.ts';
import type { OnlineUser } from '../../collab/useOnlineUsers.ts';

/** Who is online in each breakout group, by name, so the facilitator sees who is missing. */
export function OnlineByGroup({ users, groups }: { users: OnlineUser[]; groups: GroupState[] }) {
  const { t } = useTranslation();
  return (
    <section className="console__part" aria-labelledby="console-online-heading">
      <h3 id="console-online-heading">{t('console.onlineHeading')}</h3>
      <ul className="console-online" data-testid="console-online">
        {groupPresence(users, groups).map(({ group, people }) => (
          <li
            key={group?.id ?? 'facilitation'}
            data-group={group?.id ?? ''}
            data-count={people.length}
          >
            <span className="console-online__group">
              <span
                className="console-table__swatch"
                style={{ backgroundColor: group?.color ?? 'var(--plenary-color)' }}
                aria-hidden="true"
              />
              {group?.name ?? t('projector.facilitation')}{' '}
              <span className="count">{people.length}</span>
            </span>
            <span className="console-online__names">
              {people.length > 0
                ? people.map((person) => person.name).join(', ')
                : t('console.nobodyOnline')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
