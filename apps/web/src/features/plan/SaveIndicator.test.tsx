import { describe, expect, it } from 'vitest';
import type { SaveStatus } from '../../collab/SaveTracker.ts';
import type { LocalCopyView } from '../../collab/useLocalCopy.ts';
import { en } from '../../i18n/en.ts';
import { renderMarkup } from '../../test-support/renderMarkup.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';

const KEPT: LocalCopyView = { state: 'kept', kept: 0 };

const render = (
  status: Omit<SaveStatus, 'unconfirmed'> & { unconfirmed?: number },
  local: LocalCopyView = KEPT,
): string => renderMarkup(<SaveIndicator status={{ unconfirmed: 0, ...status }} local={local} />);

describe('SaveIndicator', () => {
  it('says the state in words and exposes it as data-state', () => {
    const html = render({ state: 'saved', unsaved: false, notice: null });
    expect(html).toContain('data-testid="save-status" data-state="saved"');
    expect(html).toContain('role="status"');
    expect(html).toContain('All changes saved</p>');
  });

  it('shows why the server closed the connection, and offers a reload when it will not recover', () => {
    const html = render({
      state: 'offline',
      unsaved: true,
      notice: { code: 4413, reason: 'frame too large', permanent: true },
    });
    expect(html).toContain('data-state="offline" data-close-code="4413"');
    expect(html).toContain(`${en.close.tooLarge}</p>`);
    expect(html).toContain('Reload page</button>');
  });

  it('only says nothing is saved when the page explains the close itself', () => {
    const html = renderMarkup(
      <SaveIndicator
        status={{
          state: 'offline',
          unconfirmed: 0,
          notice: { code: 4410, reason: 'link revoked', permanent: true },
        }}
        local={KEPT}
        explained
      />,
    );
    expect(html).toContain('data-notice="true"');
    expect(html).toContain('Not saving</p>');
    expect(html).not.toContain('<button');
  });

  it('does not offer a reload for a retryable close or a plan that does not exist', () => {
    const retryable = render({
      state: 'offline',
      unsaved: false,
      notice: { code: 4503, reason: 'storage unavailable', permanent: false },
    });
    expect(retryable).toContain(en.close.storage);
    expect(retryable).not.toContain('<button');
    const missing = render({
      state: 'offline',
      unsaved: false,
      notice: { code: 4404, reason: 'unknown plan', permanent: true },
    });
    expect(missing).toContain('This plan does not exist</p>');
    expect(missing).not.toContain('<button');
  });

  it('counts the changes the server has not confirmed while offline, and says where they are', () => {
    const kept = render(
      { state: 'offline', unsaved: true, unconfirmed: 7, notice: null },
      {
        state: 'kept',
        kept: 7,
      },
    );
    expect(kept).toContain('Offline — 7 changes kept on this device</p>');
    expect(kept).toContain('data-unconfirmed="7" data-kept="true"');
    const writing = render(
      { state: 'offline', unsaved: true, unconfirmed: 8, notice: null },
      {
        state: 'kept',
        kept: 7,
      },
    );
    expect(writing).toContain('data-kept="false"');
    const one = render({ state: 'offline', unsaved: true, unconfirmed: 1, notice: null });
    expect(one).toContain('Offline — 1 change kept on this device</p>');
    const notKept = render(
      { state: 'offline', unsaved: true, unconfirmed: 3, notice: null },
      {
        state: 'full',
        kept: 2,
      },
    );
    expect(notKept).toContain('Offline — 3 changes not saved yet: keep this page open</p>');
    const nothingPending = render({ state: 'offline', unsaved: false, notice: null });
    expect(nothingPending).toContain(`${en.save.offline}</p>`);
  });

  it('offers to show the text not yet on the server while offline with changes, not otherwise', () => {
    const offline = render({ state: 'offline', unsaved: true, notice: null, unconfirmed: 3 });
    expect(offline).toContain(`aria-label="${en.save.showUnconfirmed}"`);
    const saved = render({ state: 'saved', unsaved: false, notice: null });
    expect(saved).not.toContain(en.save.showUnconfirmed);
    const nothingTyped = render({ state: 'offline', unsaved: false, notice: null });
    expect(nothingTyped).not.toContain(en.save.showUnconfirmed);
  });
});
