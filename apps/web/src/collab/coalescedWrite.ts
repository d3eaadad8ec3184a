/** A write asked for often (per keystroke) but run at most once per interval. */
export interface CoalescedWrite {
  /** Asks for the write: it runs once the interval since the first unanswered request ends. */
  request(): void;
  /** Runs a requested write now (the page is being hidden or closed); nothing when none is due. */
  flush(): void;
  /** Drops a requested write without running it. */
  cancel(): void;
}

/**
 * Runs `write` at most once per `intervalMs`, `intervalMs` after the first request that
 * is not yet written, so that a burst of requests costs one write and the last request
 * is never more than `intervalMs` behind. Not a debounce: steady typing still writes.
 */
export function coalescedWrite(write: () => void, intervalMs: number): CoalescedWrite {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
  };
  const flush = () => {
    if (timer === null) return;
    cancel();
    write();
  };
  return {
    request() {
      if (timer === null) timer = setTimeout(flush, intervalMs);
    },
    flush,
    cancel,
  };
}
