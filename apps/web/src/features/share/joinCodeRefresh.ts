import type { JoinCode } from '../../api/planTypes.ts';

const MIN_MS = 5_000;
const MAX_MS = 5 * 60_000;

/**
 * How long until a shown join code should be asked for again: just after it changes, but
 * at least every five minutes, as this device's clock may not agree with the server's
 * (the code before stays accepted for 30 minutes, so a late refresh costs nothing).
 */
export function joinCodeRefreshMs(code: JoinCode | undefined, now: number): number | false {
  if (!code) return false;
  const untilChange = Date.parse(code.changesAt) - now + 2_000;
  return Math.min(MAX_MS, Math.max(MIN_MS, untilChange));
}
