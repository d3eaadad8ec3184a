import { Component, type ReactNode, Suspense } from 'react';
import { ChunkUnavailable, loadUnavailableAgain } from './loadingComponent.ts';
import { PartUnavailable } from './PartUnavailable.tsx';

/** How often a part that could not load is tried again while it shows as unavailable. */
export const RETRY_UNAVAILABLE_MS = 10_000;

type Props = {
  /** Shown while the part's code is on its way, as `Suspense` shows it. */
  fallback: ReactNode;
  /**
   * Shown while the part's code cannot be had; `retrying` while it is being tried again.
   * By default a notice that says so, with a button to try again at once.
   */
  unavailable?: (retry: () => void, retrying: boolean) => ReactNode;
  children: ReactNode;
};

type State = { error: unknown; retrying: boolean };

/**
 * Where components from their own chunks (`loadingComponent`) are drawn: what `Suspense`
 * is for a chunk on its way, and for a chunk that could not be fetched, a notice in its
 * place while the rest of the page keeps working. The chunk is tried again when the browser
 * says it is back online, every `RETRY_UNAVAILABLE_MS`, and when asked; the part shows once
 * it has loaded, with no flash of the fallback between tries. Any other error goes on to
 * the boundary above.
 */
export class LoadingBoundary extends Component<Props, State> {
  override state: State = { error: null, retrying: false };
  #timer: ReturnType<typeof setInterval> | undefined;
  #unmounted = false;
  #trying = false;

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  // React itself logs the error, with the failed fetch as its cause. The load is tried once
  // more at once: a part opened again (a panel closed and reopened) may have failed long
  // before, and the connection be back since.
  override componentDidCatch(error: unknown): void {
    if (!(error instanceof ChunkUnavailable)) return;
    this.#watch();
    this.#retryQuietly();
  }

  override componentWillUnmount(): void {
    this.#unmounted = true;
    this.#stopWatching();
  }

  /** Tries again when asked, saying so on the button meanwhile. */
  readonly retry = (): void => {
    if (this.#trying) return;
    this.setState({ retrying: true });
    this.#tryAgain();
  };

  /** Tries again unasked (back online, or the timer): the notice stays as it is meanwhile. */
  readonly #retryQuietly = (): void => {
    if (!this.#trying) this.#tryAgain();
  };

  #tryAgain() {
    this.#trying = true;
    void loadUnavailableAgain().then(() => {
      this.#trying = false;
      if (this.#unmounted) return;
      const { error } = this.state;
      // Another part inside that still fails is caught again as this draws its children.
      if (error instanceof ChunkUnavailable && !error.loaded()) {
        this.setState({ retrying: false });
        return;
      }
      this.#stopWatching();
      this.setState({ error: null, retrying: false });
    });
  }

  #watch() {
    if (this.#timer !== undefined) return;
    window.addEventListener('online', this.#retryQuietly);
    this.#timer = setInterval(this.#retryQuietly, RETRY_UNAVAILABLE_MS);
  }

  #stopWatching() {
    window.removeEventListener('online', this.#retryQuietly);
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  override render(): ReactNode {
    const { error, retrying } = this.state;
    if (error === null) {
      return <Suspense fallback={this.props.fallback}>{this.props.children}</Suspense>;
    }
    if (!(error instanceof ChunkUnavailable)) throw error;
    const { unavailable } = this.props;
    return unavailable ? (
      unavailable(this.retry, retrying)
    ) : (
      <PartUnavailable retry={this.retry} retrying={retrying} />
    );
  }
}
