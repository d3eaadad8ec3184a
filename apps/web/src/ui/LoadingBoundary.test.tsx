// @vitest-environment happy-dom
import { act, Component, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from '../i18n/en.ts';
import { reactRoot } from '../test-support/reactRoot.ts';
import { i18n } from '../test-support/renderMarkup.tsx';
import { LoadingBoundary, RETRY_UNAVAILABLE_MS } from './LoadingBoundary.tsx';
import { loadingComponent } from './loadingComponent.ts';

/** A chunk whose fetches fail until `arrive()`; counts how often it was asked for. */
function chunk() {
  let available = false;
  const asked = { count: 0 };
  const Panel = loadingComponent(async () => {
    asked.count++;
    if (!available) throw new TypeError('Failed to fetch dynamically imported module');
    return ({ name }: { name: string }) => <p data-testid="panel">panel of {name}</p>;
  });
  return {
    Panel,
    asked,
    arrive: () => {
      available = true;
    },
  };
}

/** Lets the loads' promises settle and React draw what they unblock. */
const settle = () => act(async () => {});

const inEnglish = (element: ReactNode) => <I18nextProvider i18n={i18n}>{element}</I18nextProvider>;

/** Renders, and lets a first load end (React wants an awaited act around a suspension). */
async function render(element: ReactNode) {
  const { root, container } = reactRoot();
  await act(async () => root.render(inEnglish(element)));
  return container;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('LoadingBoundary with a loadingComponent', () => {
  it('shows a notice in place of a part whose code cannot be had, and the page around it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { Panel } = chunk();
    const container = await render(
      <main>
        <p>the plan</p>
        <LoadingBoundary fallback={<p>loading</p>}>
          <Panel name="history" />
        </LoadingBoundary>
      </main>,
    );
    expect(container.textContent).toContain('the plan');
    expect(container.querySelector('[role="status"]')?.textContent).toContain(
      en.common.partUnavailable,
    );
    expect(container.querySelector('[data-testid="panel"]')).toBeNull();
  });

  it('draws the part once the browser is back online, and keeps the notice while it still fails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { Panel, asked, arrive } = chunk();
    const container = await render(
      <LoadingBoundary fallback={<Fallback />}>
        <Panel name="history" />
      </LoadingBoundary>,
    );
    // The first fetch, and one more at once as the notice shows.
    expect(asked.count).toBe(2);
    const fallbacksBefore = fallbackRenders.count;

    // Online, but the fetch fails again: the notice stays, with no flash of the fallback.
    await act(async () => window.dispatchEvent(new Event('online')));
    expect(asked.count).toBe(3);
    expect(container.textContent).toContain(en.common.partUnavailable);
    expect(fallbackRenders.count).toBe(fallbacksBefore);

    arrive();
    await act(async () => window.dispatchEvent(new Event('online')));
    await settle();
    expect(asked.count).toBe(4);
    expect(container.querySelector('[data-testid="panel"]')?.textContent).toBe('panel of history');
    expect(container.textContent).not.toContain(en.common.partUnavailable);
  });

  it('tries again on its own every so often, and at once from the notice’s button', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { Panel, asked, arrive } = chunk();
    const container = await render(
      <LoadingBoundary fallback={null}>
        <Panel name="review" />
      </LoadingBoundary>,
    );
    await settle();
    expect(asked.count).toBe(2);

    await act(async () => vi.advanceTimersByTimeAsync(RETRY_UNAVAILABLE_MS));
    expect(asked.count).toBe(3);

    const button = container.querySelector('button');
    expect(button?.textContent).toBe(en.common.retry);
    arrive();
    await act(async () => button?.click());
    await settle();
    expect(asked.count).toBe(4);
    expect(container.querySelector('[data-testid="panel"]')?.textContent).toBe('panel of review');

    // Once drawn it stops trying: no fetch is asked for again.
    await act(async () => vi.advanceTimersByTimeAsync(3 * RETRY_UNAVAILABLE_MS));
    expect(asked.count).toBe(4);
  });

  it('brings back every part that failed, in every boundary, from one retry', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const first = chunk();
    const second = chunk();
    const container = await render(
      <>
        <LoadingBoundary fallback={null} unavailable={() => <p>first missing</p>}>
          <first.Panel name="one" />
        </LoadingBoundary>
        <LoadingBoundary fallback={null} unavailable={() => <p>second missing</p>}>
          <second.Panel name="two" />
        </LoadingBoundary>
      </>,
    );
    await settle();
    expect(container.textContent).toBe('first missingsecond missing');
    first.arrive();
    second.arrive();
    await act(async () => window.dispatchEvent(new Event('online')));
    await settle();
    expect(container.textContent).toBe('panel of onepanel of two');
  });

  it('tries again at once where a part that failed before is drawn again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { Panel, asked, arrive } = chunk();
    const closed = await render(
      <LoadingBoundary fallback={null}>
        <Panel name="share" />
      </LoadingBoundary>,
    );
    // Failed, and tried once more at once: still failing.
    expect(asked.count).toBe(2);
    expect(closed.textContent).toContain(en.common.partUnavailable);

    // The connection came back while nothing showed the part; opened again, it loads.
    arrive();
    const reopened = await render(
      <LoadingBoundary fallback={null}>
        <Panel name="share" />
      </LoadingBoundary>,
    );
    expect(reopened.querySelector('[data-testid="panel"]')?.textContent).toBe('panel of share');
  });

  it('draws a part whose code has arrived at once, without suspending', async () => {
    const { Panel, arrive } = chunk();
    arrive();
    Panel.preload();
    await settle();
    const { root, container } = reactRoot();
    // A synchronous act: had the part suspended, this commit would hold the fallback.
    act(() =>
      root.render(
        <LoadingBoundary fallback={<p>loading</p>}>
          <Panel name="editor" />
        </LoadingBoundary>,
      ),
    );
    expect(container.textContent).toBe('panel of editor');
  });

  it('leaves any other error to the boundary above it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const container = await render(
      <Catch>
        <LoadingBoundary fallback={null}>
          <Broken />
        </LoadingBoundary>
      </Catch>,
    );
    await settle();
    expect(container.textContent).toBe('caught: a bug, not a missing chunk');
  });
});

/** How often `Fallback` has rendered. */
const fallbackRenders = { count: 0 };
function Fallback() {
  fallbackRenders.count++;
  return <p>loading</p>;
}

function Broken(): never {
  throw new Error('a bug, not a missing chunk');
}

class Catch extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? `caught: ${this.state.error.message}` : this.props.children;
  }
}
