import type { TimerCommand, TimerState } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

const MINUTE = 60_000;
/** The longest breakout the form offers, in minutes (the server allows a day). */
const MAX_MINUTES = 240;
/** What most breakouts last; the field starts there. */
const DEFAULT_MINUTES = '10';

/**
 * The facilitator's breakout timer: start it for some minutes, pause and resume it, add
 * time, clear it. The server keeps the time, so everyone's screens agree.
 */
export function TimerControls({ timer }: { timer: TimerState | null }) {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const [minutes, setMinutes] = useState(DEFAULT_MINUTES);
  const [label, setLabel] = useState('');
  const [invalid, setInvalid] = useState(false);
  const command = useMutation({ mutationFn: (next: TimerCommand) => api.timer(next) });
  const running = timer?.endsAt != null;
  const paused = timer !== null && timer.endsAt === null && (timer.remainingMs ?? 0) > 0;

  const start = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes.replace(',', '.'));
    const valid = Number.isFinite(value) && value > 0 && value <= MAX_MINUTES;
    setInvalid(!valid);
    if (!valid) return;
    const trimmed = label.trim();
    command.mutate({
      action: 'start',
      durationMs: Math.round(value * MINUTE),
      ...(trimmed ? { label: trimmed } : {}),
    });
  };

  const button = (next: TimerCommand, text: string) => (
    <button
      type="button"
      className="button button--small"
      disabled={command.isPending}
      onClick={() => command.mutate(next)}
    >
      {text}
    </button>
  );

  return (
    <section className="console__part" aria-labelledby="console-timer-heading">
      <h3 id="console-timer-heading">{t('timer.heading')}</h3>
      <form className="timer-form" onSubmit={start} noValidate>
        <TextField
          label={t('timer.minutes')}
          inputMode="decimal"
          value={minutes}
          error={invalid ? t('timer.minutesRequired') : null}
          onChange={(event) => setMinutes(event.target.value)}
        />
        <TextField
          label={t('timer.timerLabel')}
          error={null}
          value={label}
          maxLength={80}
          onChange={(event) => setLabel(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={command.isPending}>
          {t('timer.start')}
        </button>
      </form>
      {timer && (
        <div className="timer-actions">
          {running && button({ action: 'pause' }, t('timer.pause'))}
          {paused && button({ action: 'resume' }, t('timer.resume'))}
          {button({ action: 'add', ms: MINUTE }, t('timer.addOne'))}
          {button({ action: 'add', ms: 5 * MINUTE }, t('timer.addFive'))}
          {button({ action: 'clear' }, t('timer.clear'))}
        </div>
      )}
      <ErrorMessage error={command.error} inline />
    </section>
  );
}
