import { CloseCode } from '@plenary/model';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { closeNoticeKey } from '../../collab/closeNotices.ts';
import type { LocalCopy } from '../../collab/LocalCopy.ts';
import type { CloseNotice, SaveState, SaveStatus, SaveTracker } from '../../collab/SaveTracker.ts';
import { type LocalCopyView, useLocalCopy } from '../../collab/useLocalCopy.ts';
import { useSaveStatus } from '../../collab/useSaveStatus.ts';
import { useSettledSaveState } from '../../collab/useSettledSaveState.ts';
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
  status: Pick<SaveStatus, 'state' | 'notice' | 'unconfirmed'>;
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
        // Offline only, where the count is shown: online it changes with every keystroke.
        data-unconfirmed={state === 'offline' ? unconfirmed : undefined}
        // True once every unconfirmed change is written to the device (what a reload keeps).
        data-kept={state === 'offline' ? kept && local.kept === unconfirmed : undefined}
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

const noticeOf = (status: SaveStatus): CloseNotice | null => status.notice;
const unconfirmedOf = (status: SaveStatus): number => status.unconfirmed;
const noCount = (): number => 0;

/**
 * The indicator bound to an open plan's save tracker and device copy. It subscribes
 * itself, and only to what it shows: the count of unconfirmed changes and how many of
 * them are on the device change with every keystroke, but are shown only offline; and the
 * state it shows is settled before it is told (see useSettledSaveState): online typing
 * renders it when "saving" begins and when "saved" has held, not with each save echo.
 */
export function LiveSaveIndicator({
  saves,
  local,
  explained,
}: {
  saves: SaveTracker;
  local: LocalCopy | null;
  explained: boolean;
}) {
  const state = useSettledSaveState(saves);
  const notice = useSaveStatus(saves, noticeOf);
  const offline = state === 'offline';
  const unconfirmed = useSaveStatus(saves, offline ? unconfirmedOf : noCount);
  const localView = useLocalCopy(offline ? local : null);
  return (
    <SaveIndicator
      status={{ state, notice, unconfirmed }}
      local={localView}
      explained={explained}
    />
  );
}

/**
 * Asks before the tab is closed while text typed here is not stored on the server yet
 * (closing now would lose it). It asks the tracker as the tab closes rather than
 * following it: "unsaved" comes and goes with every keystroke.
 */
export function LeaveWarning({ saves }: { saves: SaveTracker }) {
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (saves.getStatus().unsaved) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saves]);
  return null;
}
