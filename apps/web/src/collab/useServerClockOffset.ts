import { useEffect, useState } from 'react';
import { fetchServerTime } from '../api/planApi.ts';
import { measureClockOffset } from './clockOffset.ts';
import type { PlanProvider } from './PlanProvider.ts';

/**
 * How far this device's clock is from the server's (ms to add to `Date.now()`), measured
 * when the page opens and again whenever the connection comes back: a laptop that slept
 * or a phone that changed networks may have had its clock set meanwhile. Zero until the
 * first measurement.
 */
export function useServerClockOffset(provider: PlanProvider): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let run = 0;
    const measure = () => {
      // A newer measurement wins over one still on its way.
      const current = ++run;
      void measureClockOffset(fetchServerTime).then((measured) => {
        if (current === run && measured !== null) setOffset(measured);
      });
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') measure();
    };
    measure();
    provider.on('status', onStatus);
    return () => {
      run += 1;
      provider.off('status', onStatus);
    };
  }, [provider]);
  return offset;
}
