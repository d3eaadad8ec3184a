import { useTranslation } from 'react-i18next';
import type { OnlineUser } from '../../collab/useOnlineUsers.ts';

/** Who has the plan open: a chip per person in their caret colour, this device first. */
export function OnlineUsers({
  users,
  onChangeName,
}: {
  users: OnlineUser[];
  onChangeName: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="online-users" data-testid="online-users" aria-labelledby="online-heading">
      <h2 id="online-heading" className="sidebar-heading">
        {t('plan.online')} <span className="count">{users.length}</span>
      </h2>
      <ul className="online-users__list">
        {users.map((user) => (
          <li key={user.clientId} className="user-chip" data-self={user.self}>
            <span className="user-chip__dot" style={{ backgroundColor: user.color }} aria-hidden />
            <span className="user-chip__name">
              {user.self ? t('plan.you', { name: user.name }) : user.name}
            </span>
            {user.self && (
              <button
                type="button"
                className="icon-button user-chip__edit"
                aria-label={t('plan.changeName')}
                title={t('plan.changeName')}
                onClick={onChangeName}
              >
                <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                  <path
                    d="M11.5 1.5l3 3L5 14H2v-3z"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.5"
                    strokeLinejoin="round"
                  />
                </svg>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
