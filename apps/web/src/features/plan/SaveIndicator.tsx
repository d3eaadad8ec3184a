import { CloseCode } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import { closeNoticeKey } from '../../collab/closeNotices.ts';
import type { SaveState, SaveStatus } from '../../collab/SaveTracker.ts';

const STATE_TEXT = {
  offline: 'save.offline',
  connecting: 'save.connecting',
  saving: 'save.saving',
  saved: 'save.saved',
} as const satisfies Record<SaveState, string>;

/**
 * Says whether everything typed here is stored on the server, or why it cannot be.
 * A close the app will not recover from by itself offers a reload (except for a plan
 * that does not exist, which a reload would not bring back).
 */
export function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  const { state, notice } = status;
  const noticeKey = notice ? closeNoticeKey(notice.code) : null;
  return (
    <div className="save-indicator">
      <p
        className="save-indicator__text"
        data-testid="save-status"
        data-state={state}
        data-close-code={notice?.code}
        data-notice={noticeKey !== null}
        role="status"
      >
        <span className="save-indicator__dot" aria-hidden="true" />
        {notice && noticeKey ? t(noticeKey, { reason: notice.reason }) : t(STATE_TEXT[state])}
      </p>
      {notice?.permanent && notice.code !== CloseCode.UNKNOWN_PLAN && (
        <button
          type="button"
          className="button button--small"
          onClick={() => window.location.reload()}
        >
          {t('common.reload')}
        </button>
      )}
    </div>
  );
}
