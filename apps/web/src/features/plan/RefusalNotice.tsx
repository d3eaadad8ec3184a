import { CloseCode } from '@plenary/model';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { closeNoticeKey } from '../../collab/closeNotices.ts';
import type { SessionNotice } from '../../collab/PlanSession.ts';
import { ReloadButton } from '../../ui/ReloadButton.tsx';

/**
 * Says in words why the server refused or ended the connection, and what happens now:
 * the plan started over from the server's copy, or it stopped and nothing more is saved.
 */
export function RefusalNotice({
  notice,
  onDismiss,
}: {
  notice: SessionNotice;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const { kind, code, reason } = notice;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The person may be far down the plan, where their text just vanished or stopped
    // saving: bring the explanation to them. (Keyed by notice, so each one comes once.)
    box.current?.scrollIntoView({ block: 'start' });
    box.current?.focus({ preventScroll: true });
  }, []);
  const closeKey = closeNoticeKey(code);
  const lead =
    kind === 'recovered'
      ? t('refusal.recovered', { reason: reason || t('refusal.noReason') })
      : kind === 'stopped'
        ? t('refusal.stopped', { reason: reason || t('refusal.noReason') })
        : closeKey
          ? t(closeKey, { reason })
          : reason;
  const hint =
    kind === 'recovered'
      ? t('refusal.recoveredHint')
      : kind === 'stopped'
        ? t('refusal.stoppedHint')
        : kind === 'displaced'
          ? t('refusal.displacedHint')
          : t('refusal.endedHint');
  return (
    <div
      ref={box}
      tabIndex={-1}
      role="alert"
      className="alert alert--error refusal-notice"
      data-testid="refusal-notice"
      data-kind={kind}
      data-close-code={code}
    >
      <p className="refusal-notice__lead">{lead}</p>
      <p>{hint}</p>
      {kind === 'recovered' && (
        <button type="button" className="button button--small" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
      {/* Reloading starts a fresh session; a withdrawn or expired link would only fail again. */}
      {(kind === 'stopped' || kind === 'displaced' || code === CloseCode.UNAUTHORIZED) && (
        <ReloadButton />
      )}
    </div>
  );
}
