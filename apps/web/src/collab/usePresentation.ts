import {
  type PresentationState,
  readPresentation,
  readTimer,
  type TimerState,
} from '@plenary/model';
import type * as Y from 'yjs';
import { usePlanRootValue } from './usePlanRootValue.ts';

/** What the projectors show (section, follow mode, join code), live from the doc. */
export function usePresentation(doc: Y.Doc): PresentationState {
  return usePlanRootValue(doc, readPresentation);
}

/** The breakout timer, live from the doc; null when none was started. */
export function useTimer(doc: Y.Doc): TimerState | null {
  return usePlanRootValue(doc, readTimer);
}
