import { useEffect, useState } from 'react';

/** The local clock, re-read every `intervalMs` while `ticking` (a running timer's face). */
export function useNow(ticking: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    setNow(Date.now());
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [ticking, intervalMs]);
  return now;
}
