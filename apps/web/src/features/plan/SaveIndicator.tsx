import { CloseCode } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import { closeNoticeKey } from '../../collab/closeNotices.ts';
import type { SaveState, SaveStatus } from '../../collab/SaveTracker.ts';
import type { LocalCopyView } from '../../collab/useLocalCopy.ts';
import { ReloadButton } from '../../ui/ReloadButton.tsx';
import { ShowUnconfirmedButton } from './ShowUnconfirmedButton.tsx';

const STATE_TEXT = {
  offline: 'save.offline',
  connecting: 'save.connecting',
  saving: 'save.saving',
  saved: 'save.saved',
} as const satisfies Record<SaveState, string>;

/**
 * Says whether everything typed here is stored on the server, or why it cannot be.
 * A close the app will not recover from by itself offers a reload (except for a plan
 * that does not exist, which a reload would not bring back). When the page explains
 * the close already (`explained`), the indicator only says that nothing is saved.
 * Offline, it counts the changes the server has not confirmed, says whether they are
 * kept on this device (`local`) or only in the open page, and can show where they are.
 */
export function SaveIndicator({
  status,
  local,
  explained = false,
}: {
  status: SaveStatus;
  local: LocalCopyView;
  explained?: boolean;
}) {
  const { t } = useTranslation();
  const { state, notice, unconfirmed } = status;
  const noticeKey = notice ? closeNoticeKey(notice.code) : null;
  const kept = local.state === 'kept';
  const counted = !explained && !(notice && noticeKey) && state === 'offline' && unconfirmed > 0;
  const text = explained
    ? t('save.notSaving')
    : notice && noticeKey
      ? t(noticeKey, { reason: notice.reason })
      : counted
        ? t(kept ? 'save.offlineKept' : 'save.offlineNotKept', { count: unconfirmed })
        : t(STATE_TEXT[state]);
  return (
    <div className="save-indicator">
      <p
        className="save-indicator__text"
        data-testid="save-status"
        data-state={state}
        data-close-code={notice?.code}
        data-notice={explained || noticeKey !== null}
        data-unconfirmed={unconfirmed}
        // True once every unconfirmed change is written to the device (what a reload keeps).
        data-kept={kept && local.kept === unconfirmed}
        role="status"
      >
        <span className="save-indicator__dot" aria-hidden="true" />
        {text}
      </p>
      {counted && <ShowUnconfirmedButton />}
      {!explained && notice?.permanent && notice.code !== CloseCode.UNKNOWN_PLAN && (
        <ReloadButton />
      )}
    </div>
  );
}
