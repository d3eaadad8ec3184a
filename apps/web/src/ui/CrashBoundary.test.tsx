// @vitest-environment happy-dom
import { act } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { en } from '../i18n/en.ts';
import { reactRoot } from '../test-support/reactRoot.ts';
import { i18n } from '../test-support/renderMarkup.tsx';
import { CrashBoundary } from './CrashBoundary.tsx';

function Broken(): never {
  throw new Error('a bug while drawing');
}

describe('CrashBoundary', () => {
  it('says the page went wrong and offers a reload, instead of leaving it blank', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { root, container } = reactRoot();
    act(() =>
      root.render(
        <I18nextProvider i18n={i18n}>
          <MemoryRouter>
            <CrashBoundary>
              <p>the plan</p>
              <Broken />
            </CrashBoundary>
          </MemoryRouter>
        </I18nextProvider>,
      ),
    );
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(en.common.crashed);
    expect(alert?.querySelector('button')?.textContent).toBe(en.common.reload);
    expect(container.textContent).not.toContain('the plan');
    vi.restoreAllMocks();
  });
});
