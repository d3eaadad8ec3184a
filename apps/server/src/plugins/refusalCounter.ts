import type { RefusalEvent, RelayExtension } from '@plenary/relay';

/**
 * Counts refused frames and sockets by reason, for the health endpoint and tests; a relay
 * extension, told of each refusal by `onRefusal`.
 */
export class RefusalCounter implements RelayExtension {
  readonly name = 'refusal-counter';
  private readonly counts = new Map<string, number>();

  /** Records one refusal under `key` (an access problem or a close code's reason). */
  count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Records a refusal the relay reported. */
  readonly onRefusal = (event: RefusalEvent): void => {
    this.count(`${event.code}`);
  };

  /** The counts so far, by key. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
