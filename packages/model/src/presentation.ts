/**
 * What the projectors in the plenary room show, and the breakout timer everyone sees.
 * Both live in the `plan` map, so they reach every client live and only the server
 * (on behalf of the facilitator or focal point) changes them.
 */
import type * as Y from 'yjs';
import { PLAN_ROOT } from './plan.ts';

/** How projectors choose what to show. */
export type PresentationMode =
  /** A section the presenter chose. */
  | 'section'
  /** Wherever the presenter is in the document (from their presence, not the doc). */
  | 'follow';

/** What the projectors show. */
export interface PresentationState {
  mode: PresentationMode;
  /** The section shown in `section` mode. */
  sectionId: string | null;
  /** The participant whose position projectors follow in `follow` mode. */
  presenterId: string | null;
  /** Pending suggestions shown marked, or the text as if they were accepted. */
  suggestions: 'marked' | 'accepted';
  /** An invite link shown full screen as a QR code, so people in the room can join. */
  joinOverlay: {
    url: string;
    label: string;
    /** The invite shown, so projectors can ask for its join code (absent in older plans). */
    inviteId?: string;
  } | null;
  /** Whether comment threads show beside the text; off unless the facilitator chooses. */
  showComments: boolean;
  /** A consensus round shown full screen (its count while open, its tallies once closed). */
  roundId: string | null;
}

/** The breakout timer, in server time. */
export interface TimerState {
  /** Server clock (ms since the epoch) when time is up, while running. */
  endsAt: number | null;
  /** Time left while paused. */
  remainingMs: number | null;
  /** The length it was started with, for showing progress. */
  durationMs: number;
  label: string;
}

const DEFAULT_PRESENTATION: PresentationState = {
  mode: 'section',
  sectionId: null,
  presenterId: null,
  suggestions: 'marked',
  joinOverlay: null,
  showComments: false,
  roundId: null,
};

const plan = (doc: Y.Doc) => doc.getMap<unknown>(PLAN_ROOT);

/** The presentation as stored, with defaults for what was never set. */
export function readPresentation(doc: Y.Doc): PresentationState {
  const stored = plan(doc).get('presentation');
  return { ...DEFAULT_PRESENTATION, ...(stored && typeof stored === 'object' ? stored : {}) };
}

/** Changes what projectors show (only the fields given). */
export function setPresentation(doc: Y.Doc, change: Partial<PresentationState>): PresentationState {
  const next = { ...readPresentation(doc), ...change };
  plan(doc).set('presentation', next);
  return next;
}

/** The timer, or null when none was started. */
export function readTimer(doc: Y.Doc): TimerState | null {
  const stored = plan(doc).get('timer');
  return stored && typeof stored === 'object' ? (stored as TimerState) : null;
}

/** Sets or clears the timer. */
export function writeTimer(doc: Y.Doc, timer: TimerState | null): void {
  plan(doc).set('timer', timer);
}

/** What a timer command asks for. */
export type TimerCommand =
  | { action: 'start'; durationMs: number; label?: string }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'add'; ms: number }
  | { action: 'clear' };

/** Applies a timer command at server time `now`; pure, so the rules are tested alone. */
export function nextTimer(
  current: TimerState | null,
  command: TimerCommand,
  now: number,
): TimerState | null {
  switch (command.action) {
    case 'start':
      return {
        endsAt: now + command.durationMs,
        remainingMs: null,
        durationMs: command.durationMs,
        label: command.label ?? '',
      };
    case 'clear':
      return null;
    case 'pause':
      if (!current || current.endsAt === null) return current;
      return { ...current, endsAt: null, remainingMs: Math.max(0, current.endsAt - now) };
    case 'resume':
      if (!current || current.remainingMs === null) return current;
      return { ...current, endsAt: now + current.remainingMs, remainingMs: null };
    case 'add':
      if (!current) return null;
      if (current.endsAt !== null) {
        // Adding to a timer that already ran out counts from now, not from the past end.
        return {
          ...current,
          endsAt: Math.max(current.endsAt, now) + command.ms,
          durationMs: current.durationMs + command.ms,
        };
      }
      return {
        ...current,
        remainingMs: (current.remainingMs ?? 0) + command.ms,
        durationMs: current.durationMs + command.ms,
      };
  }
}

/** Milliseconds left on a timer at server time `now` (0 once it ran out). */
export function timeLeft(timer: TimerState, now: number): number {
  if (timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
  return timer.remainingMs ?? 0;
}
