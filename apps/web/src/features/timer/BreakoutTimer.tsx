import type { TimerState } from '@plenary/model';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../collab/useNow.ts';
import { timerView } from './timerDisplay.ts';

/**
 * The breakout timer for everyone: in the plan page's header, and large on the
 * projector. It reads the server's clock (`offset`), so all screens in the room agree,
 * and says "Time is up" in words and colour when it ends.
 */
export function BreakoutTimer({
  timer,
  offset,
  variant,
}: {
  timer: TimerState | null;
  /** Milliseconds to add to this device's clock to read the server's. */
  offset: number;
  variant: 'header' | 'projector';
}) {
  const { t } = useTranslation();
  // Ticks while running, and stops once time is up (the face stays at 0:00).
  const now = useNow(timer?.endsAt != null && timer.endsAt > Date.now() + offset - 1_000);
  if (timer === null) return null;
  const view = timerView(timer, now + offset);
  return (
    <div
      className={`breakout-timer breakout-timer--${variant}`}
      data-testid="breakout-timer"
      data-phase={view.phase}
      style={{ '--timer-left': view.fractionLeft } as CSSProperties}
    >
      <span className="breakout-timer__label">{timer.label || t('timer.label')}</span>
      <span role="timer" className="breakout-timer__clock" data-testid="timer-remaining">
        {view.clock}
      </span>
      {view.phase === 'paused' && (
        <span className="breakout-timer__state">{t('timer.paused')}</span>
      )}
      {/* A status, so screen readers announce the end once it happens. */}
      <span className="breakout-timer__state" role="status">
        {view.phase === 'ended' ? t('timer.ended') : ''}
      </span>
      <span className="breakout-timer__bar" aria-hidden="true" />
    </div>
  );
}
