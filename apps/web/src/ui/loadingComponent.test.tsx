// @vitest-environment happy-dom
import { act, Component, type ReactNode, Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { reactRoot } from '../test-support/reactRoot.ts';
import { loadingComponent } from './loadingComponent.ts';

function Page({ name }: { name: string }) {
  return <p>page of {name}</p>;
}

/** A chunk whose arrival the test decides. */
function chunk() {
  let arrive: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const loaded = new Promise<typeof Page>((resolve, reject) => {
    arrive = () => resolve(Page);
    fail = reject;
  });
  return { load: () => loaded, arrive, fail };
}

class Caught extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null };
  static getDerivedStateFromError(error: Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { error: `${error.name}${cause}` };
  }
  override render() {
    return this.state.error ? <p>failed: {this.state.error}</p> : this.props.children;
  }
}

/** Draws `component`, letting a first render suspend (React wants that act awaited). */
async function shown(component: ReactNode) {
  const { root, container } = reactRoot();
  await act(async () =>
    root.render(
      <Caught>
        <Suspense fallback={<p>suspended</p>}>{component}</Suspense>
      </Caught>,
    ),
  );
  return container;
}

describe('loadingComponent', () => {
  it.each([
    ['draws its placeholder with the props as content, not a Suspense fallback', 'loading plan'],
    ['without a placeholder, suspends', 'suspended'],
  ])('%s until the chunk arrives', async (_, before) => {
    const { load, arrive } = chunk();
    const Loading =
      before === 'suspended'
        ? loadingComponent(load)
        : loadingComponent(load, ({ name }) => <p>loading {name}</p>);
    const container = await shown(<Loading name="plan" />);
    expect(container.textContent).toBe(before);
    await act(async () => arrive());
    expect(container.textContent).toBe('page of plan');
  });

  it('draws the component at once when its chunk came before the first render', async () => {
    const { load, arrive } = chunk();
    const Loading = loadingComponent(load, () => <p>loading</p>);
    Loading.preload();
    await act(async () => arrive());
    expect((await shown(<Loading name="plan" />)).textContent).toBe('page of plan');
  });

  it('hands a chunk that failed to load to the error boundary, placeholder or not', async () => {
    // React reports the error it hands to the boundary; expected here.
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { load, fail } = chunk();
    const Loading = loadingComponent(load, () => <p>loading</p>);
    const container = await shown(<Loading name="plan" />);
    await act(async () => fail(new Error('offline')));
    expect(container.textContent).toBe('failed: ChunkUnavailable (offline)');
    reported.mockRestore();
  });
});
